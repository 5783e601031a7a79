package io.github.zmqffm.libzmq;

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
 * libzmq {@code tests/test_probe_router.cpp}: a ROUTER or DEALER with ZMQ_PROBE_ROUTER sends an empty message on
 * connect, so the ROUTER it connects to learns its routing id before it sends anything.
 */
class TestProbeRouter {

    @RegisterExtension
    final TestContext zmq = new TestContext();

    @Test
    void testProbeRouterRouter() {
        try (Socket server = zmq.socket(SocketType.ROUTER); Socket client = zmq.socket(SocketType.ROUTER)) {
            String endpoint = server.bind("tcp://127.0.0.1:*");
            client.set(SocketOption.ROUTING_ID, "X".getBytes());
            client.set(SocketOption.PROBE_ROUTER, true);
            client.connect(endpoint);
            assertArrayEquals("X".getBytes(), server.recv(), "the probe: routing id X ...");
            assertEquals(0, server.recv().length, "... and an empty message");
            assertTrue(server.sendMore("X"));
            assertTrue(server.send("Hello"));
            assertEquals(5, client.recv().length, "the server's generated routing id (5 bytes)");
            assertEquals("Hello", client.recvString());
        }
    }

    @Test
    void testProbeRouterDealer() {
        try (Socket server = zmq.socket(SocketType.ROUTER); Socket client = zmq.socket(SocketType.DEALER)) {
            String endpoint = server.bind("tcp://127.0.0.1:*");
            client.set(SocketOption.ROUTING_ID, "X".getBytes());
            client.set(SocketOption.PROBE_ROUTER, true);
            client.connect(endpoint);
            assertArrayEquals("X".getBytes(), server.recv());
            assertEquals(0, server.recv().length);
            assertTrue(server.sendMore("X"));
            assertTrue(server.send("Hello"));
            assertEquals("Hello", client.recvString());
        }
    }
}
