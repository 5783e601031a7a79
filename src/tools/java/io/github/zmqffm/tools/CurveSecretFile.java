package io.github.zmqffm.tools;

import io.github.zmqffm.Curve;
import picocli.CommandLine;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a CURVE secret key for {@code --curve-server-secret}: the file holds the 40 Z85 characters alone, or is a
 * czmq certificate ({@code secret-key = "..."}). A problem is a usage error naming the file. Only a regular file
 * of at most {@link #MAX_SIZE} bytes is read: {@code /dev/zero} would never end and a FIFO would block the
 * device's start until something writes to it.
 */
final class CurveSecretFile {

    /** czmq certificates are a few hundred bytes; anything much larger is not a key file. */
    static final int MAX_SIZE = 64 * 1024;
    private static final Pattern CZMQ = Pattern.compile("secret-key\\s*=\\s*\"([^\"]*)\"");

    private CurveSecretFile() {}

    static String read(CommandLine commandLine, Path file) {
        String text = readSmallRegularFile(commandLine, file);
        Matcher czmq = CZMQ.matcher(text);
        String key = czmq.find() ? czmq.group(1) : text.strip();
        if (key.length() != 40) {
            throw problem(commandLine, file, "holds no CURVE secret key (40 Z85 characters, or a czmq certificate's "
                    + "secret-key)");
        }
        try {
            Curve.publicKey(key);
        } catch (IllegalArgumentException e) {
            throw problem(commandLine, file, "holds an invalid key: " + e.getMessage());
        }
        return key;
    }

    private static String readSmallRegularFile(CommandLine commandLine, Path file) {
        // Checked before opening: opening a FIFO for reading blocks until a writer comes.
        if (!Files.exists(file)) {
            throw problem(commandLine, file, "does not exist");
        }
        if (!Files.isRegularFile(file)) {
            throw problem(commandLine, file, "is not a regular file (a directory, device or pipe)");
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes(MAX_SIZE + 1); // bounded even if the file grows while read
            if (bytes.length > MAX_SIZE) {
                throw problem(commandLine, file, "is larger than " + MAX_SIZE + " bytes: not a key file");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw problem(commandLine, file, "cannot be read (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static CommandLine.ParameterException problem(CommandLine commandLine, Path file, String what) {
        return new CommandLine.ParameterException(commandLine, "--curve-server-secret: " + file + " " + what);
    }
}
