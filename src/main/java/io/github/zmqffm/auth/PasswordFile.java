package io.github.zmqffm.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * PLAIN passwords from a text file of {@code name=password} lines, read as czmq's zauth reads it: the name is
 * everything before the first {@code =}, the password everything after it (spaces included); lines starting
 * with {@code #}, and lines without a name and {@code =}, are skipped. The file is read again whenever its size,
 * modification time or identity changes.
 */
final class PasswordFile {

    private final Path file;
    private FileStamp stamp;                 // guarded by this
    private Map<String, String> passwords;   // guarded by this

    /** Reads {@code file} now; throws {@link UncheckedIOException} if it cannot be read. */
    PasswordFile(Path file) {
        this.file = file;
        try {
            passwords();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the password file " + file, e);
        }
    }

    /** The file's path. */
    Path file() {
        return file;
    }

    /** The passwords by user name, read again if the file changed; throws if it cannot be read now. */
    synchronized Map<String, String> passwords() throws IOException {
        FileStamp now = FileStamp.ofFile(file);
        if (!now.equals(stamp)) {
            passwords = parse(Files.readAllLines(file, StandardCharsets.UTF_8));
            stamp = now;
        }
        return passwords;
    }

    /** Parses {@code name=password} lines. */
    static Map<String, String> parse(List<String> lines) {
        Map<String, String> passwords = new HashMap<>();
        for (String line : lines) {
            String text = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
            int equals = text.indexOf('=');
            if (text.startsWith("#") || equals <= 0) {
                continue;
            }
            passwords.put(text.substring(0, equals), text.substring(equals + 1));
        }
        return Map.copyOf(passwords);
    }
}
