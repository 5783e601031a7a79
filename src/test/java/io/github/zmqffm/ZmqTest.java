package io.github.zmqffm;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ZmqTest {

    @Test
    void versionIsThePinnedOne() throws IOException {
        String pinned = Files.readAllLines(Path.of("native/VERSIONS")).stream()
                .filter(line -> line.startsWith("LIBZMQ_VERSION="))
                .map(line -> line.substring("LIBZMQ_VERSION=".length()))
                .findFirst().orElseThrow();

        assertEquals(ZmqVersion.parse(pinned), Zmq.version());
    }

    @Test
    void bundledLibraryHasCurveAndDrafts() {
        assertTrue(Zmq.has("curve"));
        assertTrue(Zmq.has("draft"));
        assertTrue(Zmq.has("ipc"));
        assertFalse(Zmq.has("pgm"), "built without OpenPGM");
        assertFalse(Zmq.has("no-such-capability"));
    }

    @Test
    void libraryPathIsTheLoadedFile() {
        assertEquals(Zmq.library().path(), Zmq.libraryPath());
        assertTrue(Files.isRegularFile(Zmq.libraryPath()));
    }

    @Test
    void versionsCompareByParts() {
        assertTrue(ZmqVersion.parse("4.3.10").compareTo(ZmqVersion.parse("4.3.4")) > 0);
        assertEquals("4.3.4", ZmqVersion.parse("4.3.4").toString());
    }
}
