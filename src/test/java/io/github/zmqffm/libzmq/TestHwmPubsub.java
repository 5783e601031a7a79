package io.github.zmqffm.libzmq;

import io.github.zmqffm.RecvFlag;
import io.github.zmqffm.SendFlag;
import io.github.zmqffm.Socket;
import io.github.zmqffm.SocketOption;
import io.github.zmqffm.SocketType;
import io.github.zmqffm.TestContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.ByteBuffer;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * libzmq {@code tests/test_hwm_pubsub.cpp}: an XPUB's send HWM over tcp, inproc and ipc, with {@code XPUB_NODROP}
 * (a full pipe is EAGAIN instead of a drop) and a HWM that applies again once messages were read. Added: a PUB at
 * its HWM drops (its sends never block or fail) and keeps the oldest, in order.
 */
class TestHwmPubsub {

    @RegisterExtension
    final TestContext zmq = new TestContext();

    @TempDir
    Path directory;

    private String endpoint(String transport) {
        return switch (transport) {
            case "tcp" -> "tcp://127.0.0.1:*";
            case "inproc" -> TestContext.inproc();
            case "ipc" -> "ipc://" + directory.resolve("pub.ipc");
            default -> throw new IllegalArgumentException(transport);
        };
    }

    /** libzmq's test_defaults: an XPUB with SNDHWM sends that many to a subscriber that then reads them all. */
    private int defaults(int sendHwm, int messageCount, String transport) {
        try (Socket pub = zmq.socket(SocketType.XPUB); Socket sub = zmq.socket(SocketType.SUB)) {
            String endpoint = pub.bind(endpoint(transport));
            sub.connect(endpoint);
            pub.set(SocketOption.SNDHWM, sendHwm);
            sub.subscribe("");
            assertArrayEquals(new byte[] {1}, pub.recv(), "the subscription to everything");
            int sent = 0;
            while (sent < messageCount && pub.send("test message", SendFlag.DONTWAIT)) {
                sent++;
            }
            assertEquals(sendHwm, sent);
            int received = 0; // with the 5 s receive timeout: no settle time to guess
            while (received < messageCount && sub.recv(new byte[64]) == "test message".length()) {
                received++;
            }
            assertEquals(sendHwm, received);
            assertEquals(-1, sub.recv(new byte[64], RecvFlag.DONTWAIT), "no more than were sent");
            return received;
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"tcp", "inproc", "ipc"})
    void testDefaultsLarge(String transport) {
        assertEquals(1000, defaults(1000, 1000, transport));
    }

    @ParameterizedTest
    @ValueSource(strings = {"tcp", "inproc", "ipc"})
    void testDefaultsSmall(String transport) {
        assertEquals(100, defaults(100, 100, transport));
    }

    /**
     * libzmq's test_blocking: with XPUB_NODROP a full pipe makes a DONTWAIT send fail with EAGAIN (it does not
     * drop); draining the subscriber makes room; every message sent is received.
     */
    @ParameterizedTest
    @ValueSource(strings = {"tcp", "inproc", "ipc"})
    void testBlocking(String transport) {
        int sendHwm = 2000;
        int messageCount = 6000;
        byte[] body = new byte[100];
        try (Socket pub = zmq.socket(SocketType.XPUB); Socket sub = zmq.socket(SocketType.SUB)) {
            // As libzmq's test: small kernel buffers and 100-byte messages, so that the kernel cannot absorb all
            // 6,000 and the XPUB must refuse (with 0-byte messages and default buffers, a quiet machine never did).
            pub.set(SocketOption.SNDBUF, 4096);
            pub.set(SocketOption.RCVBUF, 4096);
            String endpoint = pub.bind(endpoint(transport));
            sub.connect(endpoint);
            pub.set(SocketOption.SNDHWM, sendHwm);
            pub.set(SocketOption.XPUB_NODROP, true);
            sub.set(SocketOption.RCVTIMEO, 10);
            sub.subscribe("");
            assertArrayEquals(new byte[] {1}, pub.recv(), "the subscription to everything");
            int sent = 0;
            int received = 0;
            int blocked = 0;
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (sent < messageCount && System.nanoTime() < deadline) {
                if (pub.send(body, SendFlag.DONTWAIT)) {
                    sent++;
                } else {
                    blocked++;
                    received += receiveUntilQuiet(sub);
                }
            }
            assertEquals(messageCount, sent, "all sent within a minute");
            assertTrue(blocked > 0, "the XPUB must have refused at least once; sent " + sent + ", received " + received);
            received += receiveUntilQuiet(sub);
            assertTrue(pub.send("end"));
            sub.set(SocketOption.RCVTIMEO, 5000);
            byte[] message;
            while ((message = sub.recv()) != null && message.length == body.length) {
                received++;
            }
            assertArrayEquals("end".getBytes(), message, "the end marker after all the others");
            assertEquals(sent, received, "nothing dropped");
        }
    }

    /** libzmq's receive(): reads until a receive times out (the subscriber's RCVTIMEO). */
    private static int receiveUntilQuiet(Socket sub) {
        int count = 0;
        byte[] buffer = new byte[255];
        while (count < 1_000_000 && sub.recv(buffer) >= 0) {
            count++;
        }
        return count;
    }

    /** libzmq's test_reset_hwm: HWM 11024; send 9999, receive 9999; send 1100, receive 1100. */
    @Test
    void testResetHwm() {
        int hwm = 11024;
        try (Socket pub = zmq.socket(SocketType.PUB); Socket sub = zmq.socket(SocketType.SUB)) {
            pub.set(SocketOption.SNDHWM, hwm);
            sub.set(SocketOption.RCVHWM, hwm);
            String endpoint = pub.bind("tcp://127.0.0.1:*");
            sub.connect(endpoint);
            sub.subscribe("");
            awaitSubscription(pub, sub);
            for (int count : new int[] {9999, 1100}) {
                int sent = 0;
                while (sent < count && pub.send(new byte[0], SendFlag.DONTWAIT)) {
                    sent++;
                }
                assertEquals(count, sent);
                int received = 0;
                long deadline = System.nanoTime() + 10_000_000_000L;
                while (received < count && System.nanoTime() < deadline) {
                    if (sub.recv(new byte[8]) == 0) {
                        received++;
                    }
                }
                assertEquals(count, received);
            }
        }
    }

    /**
     * Added: a PUB whose subscriber reads nothing drops at its HWM: every DONTWAIT send succeeds, and over inproc
     * the subscriber gets exactly SNDHWM + RCVHWM messages, the oldest ones, in order.
     */
    @Test
    void pubDropsAtHwmOverInproc() {
        try (Socket pub = zmq.socket(SocketType.PUB); Socket sub = zmq.socket(SocketType.SUB)) {
            pub.set(SocketOption.SNDHWM, 10);
            sub.set(SocketOption.RCVHWM, 10);
            String endpoint = TestContext.inproc();
            pub.bind(endpoint);
            sub.connect(endpoint);
            sub.subscribe("");
            // Not probes (reading them would leave the publisher's view of the pipe's free room stale): inproc's
            // connect and subscribe have put the bind and the subscription in the PUB's mailbox, and reading
            // ZMQ_EVENTS makes it process them.
            pub.get(SocketOption.EVENTS);
            for (int i = 0; i < 1000; i++) {
                assertTrue(pub.send(sequence(i, 8), SendFlag.DONTWAIT), "a PUB never refuses: message " + i);
            }
            for (int i = 0; i < 20; i++) {
                byte[] message = sub.recv(RecvFlag.DONTWAIT);
                assertNotNull(message, "message " + i + " of SNDHWM + RCVHWM = 20");
                assertEquals(i, ByteBuffer.wrap(message).getInt(), "the oldest are kept, in order");
            }
            assertEquals(-1, sub.recv(new byte[8], RecvFlag.DONTWAIT), "everything after 20 was dropped");
        }
    }

    /**
     * Added: the same over tcp, with small kernel buffers (64 KiB) so that 5 MB cannot all be queued: the sends never
     * block, some messages are dropped, and those that arrive keep their order.
     */
    @Test
    void pubDropsAtHwmOverTcp() {
        int count = 5000;
        try (Socket pub = zmq.socket(SocketType.PUB); Socket sub = zmq.socket(SocketType.SUB)) {
            pub.set(SocketOption.SNDHWM, 10);
            pub.set(SocketOption.SNDBUF, 65536);
            sub.set(SocketOption.RCVHWM, 10);
            sub.set(SocketOption.RCVBUF, 65536);
            TestContext.connectTcp(pub, sub);
            sub.subscribe("");
            awaitSubscription(pub, sub);
            for (int i = 0; i < count; i++) {
                assertTrue(pub.send(sequence(i, 1024), SendFlag.DONTWAIT), "a PUB never refuses: message " + i);
            }
            sub.set(SocketOption.RCVTIMEO, 500);
            int received = 0;
            int last = -1;
            byte[] buffer = new byte[1024];
            while (received < count && sub.recv(buffer) == 1024) {
                int n = ByteBuffer.wrap(buffer).getInt();
                assertTrue(n > last, "order kept: " + n + " after " + last);
                last = n;
                received++;
            }
            assertTrue(received >= 10, "at least the HWM's worth arrives; received " + received);
            assertTrue(received < count, "5 MB cannot all be queued with HWM 10 and 64 KiB buffers: some must drop");
        }
    }

    /** Sends probes until the subscriber sees one (its subscription has reached the publisher), then drains. */
    static void awaitSubscription(Socket pub, Socket sub) {
        byte[] probe = sequence(-1, 8);
        long deadline = System.nanoTime() + 10_000_000_000L;
        for (int attempt = 0; attempt < 1000 && System.nanoTime() < deadline; attempt++) {
            pub.send(probe, SendFlag.DONTWAIT);
            Scenario.sleep(java.time.Duration.ofMillis(10));
            if (sub.recv(new byte[8], RecvFlag.DONTWAIT) >= 0) {
                Scenario.drain(sub);
                return;
            }
        }
        throw new AssertionError("the subscription did not reach the publisher within 10 s");
    }

    private static byte[] sequence(int n, int size) {
        return ByteBuffer.allocate(size).putInt(n).array();
    }

}
