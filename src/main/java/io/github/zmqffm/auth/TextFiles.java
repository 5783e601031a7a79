package io.github.zmqffm.auth;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads the small text files the authenticator takes (certificates, password files) without hanging on a file that
 * is not one: only a regular file is opened (opening a FIFO blocks until a writer comes, {@code /dev/zero} never
 * ends), and no more than a limit is read.
 */
final class TextFiles {

    /** czmq certificates are a few hundred bytes. */
    static final int CERTIFICATE_LIMIT = 64 * 1024;
    /** Room for some hundred thousand {@code name=password} lines. */
    static final int PASSWORD_FILE_LIMIT = 16 << 20;

    private TextFiles() {}

    /** The UTF-8 text of {@code file}; IOException if it is missing, not a regular file, larger or not UTF-8. */
    static String read(Path file, int maxBytes) throws IOException {
        if (!Files.exists(file)) {
            throw new NoSuchFileException(file.toString());
        }
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + " is not a regular file (a directory, device or pipe)");
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes(maxBytes + 1); // bounded even if the file grows while read
            if (bytes.length > maxBytes) {
                throw new IOException(file + " is larger than " + maxBytes + " bytes");
            }
            // Strict, as Files.readString is: a malformed file is an error, not replacement characters.
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        }
    }
}
