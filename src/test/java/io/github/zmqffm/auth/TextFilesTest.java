package io.github.zmqffm.auth;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The authenticator's files are read bounded: no hang on a FIFO or /dev/zero, no unbounded read (issue 8, class 12). */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class TextFilesTest {

    @TempDir
    Path dir;

    @Test
    void devicesAndPipesAreRefusedWithoutOpeningThem() throws Exception {
        Path fifo = dir.resolve("fifo");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertTrue(mkfifo.waitFor(10, TimeUnit.SECONDS) && mkfifo.exitValue() == 0, "mkfifo failed");
        for (Path notAFile : new Path[] {Path.of("/dev/zero"), fifo, dir}) {
            IOException e = assertThrows(IOException.class, () -> TextFiles.read(notAFile, 100));
            assertTrue(e.getMessage().contains("is not a regular file"), e.getMessage());
        }
        assertThrows(NoSuchFileException.class, () -> TextFiles.read(dir.resolve("missing"), 100));
    }

    @Test
    void aFileOverTheLimitOrNotUtf8IsRefused() throws Exception {
        Path file = dir.resolve("big");
        Files.write(file, new byte[101]);
        IOException e = assertThrows(IOException.class, () -> TextFiles.read(file, 100));
        assertEquals(file + " is larger than 100 bytes", e.getMessage());
        Files.write(file, new byte[100]);
        assertEquals(100, TextFiles.read(file, 100).length());
        Files.write(file, new byte[] {'a', (byte) 0xff});
        assertThrows(CharacterCodingException.class, () -> TextFiles.read(file, 100));
    }

    @Test
    void certificatesAndPasswordFilesGoThroughIt() throws Exception {
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> Certificate.load(Path.of("/dev/zero")));
        assertTrue(e.getCause().getMessage().contains("is not a regular file"), e.getCause().getMessage());
        Path huge = dir.resolve("huge.key");
        Files.write(huge, new byte[TextFiles.CERTIFICATE_LIMIT + 1]);
        assertThrows(UncheckedIOException.class, () -> Certificate.load(huge));
        UncheckedIOException device = assertThrows(UncheckedIOException.class, () -> new PasswordFile(Path.of("/dev/zero")));
        assertTrue(device.getCause().getMessage().contains("is not a regular file"), device.getCause().getMessage());
        Path passwords = dir.resolve("passwords");
        Files.writeString(passwords, "admin=secret\r\nother=x\n");
        assertEquals(Map.of("admin", "secret", "other", "x"), new PasswordFile(passwords).passwords());
        assertInstanceOf(IOException.class, e.getCause());
    }
}
