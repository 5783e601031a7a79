package io.github.zmqffm.libzmq;

import io.github.zmqffm.RecvFlag;
import io.github.zmqffm.SendFlag;
import io.github.zmqffm.Socket;
import io.github.zmqffm.SocketOption;
import io.github.zmqffm.SocketType;
import io.github.zmqffm.TestContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * libzmq {@code tests/test_timeo.cpp}: a receive on an unconnected socket with DONTWAIT returns at once; with
 * ZMQ_RCVTIMEO it waits about that long and gives up (EAGAIN: here null); normal traffic still flows. Added: the
 * same for ZMQ_SNDTIMEO on a socket with no peer. As in libzmq, only the lower bound of the wait is asserted.
 */
class TestTimeo {

    @RegisterExtension
    final TestContext zmq = new TestContext();

    private static final int TIMEOUT = 250;
    private static final int JITTER = 50;

    @Test
    void testTimeo() {
        String endpoint = TestContext.inproc();
        try (Socket frontend = zmq.socket(SocketType.DEALER)) {
            frontend.bind(endpoint);
            assertEquals(-1, frontend.recv(new byte[32], RecvFlag.DONTWAIT));
            frontend.set(SocketOption.RCVTIMEO, TIMEOUT);
            long start = System.nanoTime();
            assertNull(frontend.recv());
            long elapsed = (System.nanoTime() - start) / 1_000_000;
            assertTrue(elapsed > TIMEOUT - JITTER, "the receive timed out after " + elapsed + " ms");
            try (Socket backend = zmq.socket(SocketType.DEALER)) {
                backend.connect(endpoint);
                backend.set(SocketOption.SNDTIMEO, TIMEOUT);
                assertTrue(backend.send("Hello"));
                assertEquals("Hello", frontend.recvString());
            }
        }
    }

    @Test
    void sendTimeoutOnASocketWithNoPeer() {
        try (Socket lonely = zmq.socket(SocketType.DEALER)) {
            lonely.bind(TestContext.inproc()); // bound, nobody connected: no pipe to send on
            assertFalse(lonely.send("x", SendFlag.DONTWAIT));
            lonely.set(SocketOption.SNDTIMEO, TIMEOUT);
            long start = System.nanoTime();
            assertFalse(lonely.send("x"), "SNDTIMEO expired: false, not an exception");
            long elapsed = (System.nanoTime() - start) / 1_000_000;
            assertTrue(elapsed > TIMEOUT - JITTER, "the send timed out after " + elapsed + " ms");
        }
    }
}
