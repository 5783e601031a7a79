package io.github.zmqffm.libzmq;

import io.github.zmqffm.Monitor;
import io.github.zmqffm.MonitorEvent.Type;
import io.github.zmqffm.SendFlag;
import io.github.zmqffm.Socket;
import io.github.zmqffm.SocketOption;
import io.github.zmqffm.SocketType;
import io.github.zmqffm.TestContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * libzmq {@code tests/test_immediate.cpp}: without ZMQ_IMMEDIATE a PUSH connected to a live and a dead endpoint
 * queues half its messages for the dead one; with it, pipes exist only for completed connections, so all go to
 * the live one, and a broken connection makes sends block until the peer is back.
 */
class TestImmediate {

    @RegisterExtension
    final TestContext zmq = new TestContext();

    private static int receiveAll(Socket to) {
        to.set(SocketOption.RCVTIMEO, 250);
        int seen = 0;
        while (seen < 1000 && to.recv(new byte[16]) >= 0) {
            seen++;
        }
        return seen;
    }

    @Test
    void testImmediate1() {
        try (Socket to = zmq.socket(SocketType.PULL); Socket from = zmq.socket(SocketType.PUSH)) {
            String endpoint = to.bind("tcp://127.0.0.1:*");
            from.connect(Scenario.unusedTcpEndpoint()); // this pipe will never connect
            from.connect(endpoint);
            Scenario.settle();
            for (int i = 0; i < 10; i++) {
                assertTrue(from.send("Hello"));
            }
            assertEquals(5, receiveAll(to), "round robin: half wait in the pipe of the dead endpoint");
        }
    }

    @Test
    void testImmediate2() {
        try (Socket to = zmq.socket(SocketType.PULL); Socket from = zmq.socket(SocketType.PUSH);
             Monitor events = Monitor.of(from)) {
            String endpoint = to.bind("tcp://127.0.0.1:*");
            from.set(SocketOption.IMMEDIATE, true);
            from.connect(Scenario.unusedTcpEndpoint());
            from.connect(endpoint);
            // libzmq's test sends at once with a blocking send; waiting for the handshake makes it certain.
            Scenario.awaitEvent(events, Type.HANDSHAKE_SUCCEEDED, Duration.ofSeconds(10));
            for (int i = 0; i < 10; i++) {
                assertTrue(from.send("Hello"));
            }
            assertEquals(10, receiveAll(to), "every message goes to the one completed connection");
        }
    }

    @Test
    void testImmediate3() {
        try (Socket frontend = zmq.socket(SocketType.DEALER)) {
            frontend.set(SocketOption.IMMEDIATE, true);
            String endpoint;
            try (Socket backend = zmq.socket(SocketType.DEALER)) {
                endpoint = backend.bind("tcp://127.0.0.1:*");
                frontend.connect(endpoint);
                assertTrue(backend.send("Hello"));
                assertEquals("Hello", frontend.recvString(), "the connection is up");
                assertTrue(frontend.send("Hello", SendFlag.DONTWAIT));
            }
            // libzmq gives the disconnect SETTLE_TIME * 10; retry instead, bounded by the same 3 s.
            boolean blocked = false;
            long deadline = System.nanoTime() + 3_000_000_000L;
            while (!blocked && System.nanoTime() < deadline) {
                blocked = !frontend.send("Hello", SendFlag.DONTWAIT);
                Scenario.sleep(Duration.ofMillis(50));
            }
            assertTrue(blocked, "with the connection gone there is no pipe: a send would block (EAGAIN)");
            try (Socket backend = zmq.socket(SocketType.DEALER)) {
                Scenario.rebind(backend, endpoint);
                assertTrue(backend.send("Hello"));
                assertEquals("Hello", frontend.recvString(), "reconnected");
                assertTrue(frontend.send("Hello", SendFlag.DONTWAIT), "after the reconnect sends succeed");
                assertFalse(frontend.hasReceiveMore());
            }
        }
    }
}
