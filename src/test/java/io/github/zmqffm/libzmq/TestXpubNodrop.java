package io.github.zmqffm.libzmq;

import io.github.zmqffm.RecvFlag;
import io.github.zmqffm.Socket;
import io.github.zmqffm.SocketOption;
import io.github.zmqffm.SocketType;
import io.github.zmqffm.TestContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * libzmq {@code tests/test_xpub_nodrop.cpp}: with XPUB_NODROP an XPUB at its HWM does not drop; a send blocks, and
 * with SNDTIMEO 0 it fails with EAGAIN (here: returns false); whatever was accepted is received.
 */
class TestXpubNodrop {

    @RegisterExtension
    final TestContext zmq = new TestContext();

    @Test
    void test() {
        int hwm = 2000;
        String endpoint = TestContext.inproc();
        try (Socket pub = zmq.socket(SocketType.XPUB); Socket sub = zmq.socket(SocketType.SUB)) {
            pub.set(SocketOption.SNDHWM, hwm);
            pub.bind(endpoint);
            pub.set(SocketOption.XPUB_NODROP, true);
            sub.connect(endpoint);
            sub.subscribe("");
            assertArrayEquals(new byte[] {1}, pub.recv(), "the subscription");

            int sent = 0;
            for (int i = 0; i < hwm - 1; i++) {
                assertTrue(pub.send(new byte[0]));
                sent++;
            }
            int received = 0;
            while (sub.recv(new byte[0]) == 0) {
                received++;
                sub.set(SocketOption.RCVTIMEO, 250);
            }
            assertEquals(sent, received);

            pub.set(SocketOption.SNDTIMEO, 0);
            sent = 0;
            while (sent < 1_000_000 && pub.send(new byte[0])) {
                sent++;
            }
            assertTrue(sent < 1_000_000, "the XPUB refuses at its HWM (EAGAIN) instead of dropping");
            received = 0;
            if (sent > 0) {
                sub.set(SocketOption.RCVTIMEO, 5000);
                assertEquals(0, sub.recv(new byte[0]));
                received++;
                while (sub.recv(new byte[0], RecvFlag.DONTWAIT) == 0) {
                    received++;
                }
            }
            assertEquals(sent, received, "nothing accepted was dropped");
        }
    }
}
