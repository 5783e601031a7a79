package io.github.zmqffm.libzmq;

import io.github.zmqffm.Socket;
import io.github.zmqffm.SocketOption;
import io.github.zmqffm.SocketType;
import io.github.zmqffm.TestContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * libzmq {@code tests/test_router_handover.cpp}: two DEALERs with the same routing id. With ZMQ_ROUTER_HANDOVER the
 * second takes the id over (replies go to it); without, the second is ignored and the first keeps it.
 */
class TestRouterHandover {

    @RegisterExtension
    final TestContext zmq = new TestContext();

    private static final byte[] X = "X".getBytes();

    @Test
    void testWithHandover() {
        try (Socket router = zmq.socket(SocketType.ROUTER); Socket one = zmq.socket(SocketType.DEALER);
             Socket two = zmq.socket(SocketType.DEALER)) {
            String endpoint = router.bind("tcp://127.0.0.1:*");
            router.set(SocketOption.ROUTER_HANDOVER, true);
            connectAndGreet(router, one, endpoint);
            connectAndGreet(router, two, endpoint);

            assertTrue(router.sendMore(X));
            assertTrue(router.send("Hello"));
            one.set(SocketOption.RCVTIMEO, (int) Scenario.SETTLE.toMillis());
            assertNull(one.recv(), "the first dealer lost the id");
            assertEquals("Hello", two.recvString(), "the second took it over");
        }
    }

    @Test
    void testWithoutHandover() {
        try (Socket router = zmq.socket(SocketType.ROUTER); Socket one = zmq.socket(SocketType.DEALER);
             Socket two = zmq.socket(SocketType.DEALER)) {
            String endpoint = router.bind("tcp://127.0.0.1:*");
            connectAndGreet(router, one, endpoint);

            two.set(SocketOption.ROUTING_ID, X);
            two.connect(endpoint);
            assertTrue(two.send("Hello"));
            router.set(SocketOption.RCVTIMEO, (int) Scenario.SETTLE.toMillis());
            assertNull(router.recv(), "the duplicate id is ignored");

            assertTrue(router.sendMore(X));
            assertTrue(router.send("Hello"));
            two.set(SocketOption.RCVTIMEO, (int) Scenario.SETTLE.toMillis());
            assertNull(two.recv(), "the second dealer gets nothing");
            assertEquals("Hello", one.recvString(), "the first keeps the id");
        }
    }

    private static void connectAndGreet(Socket router, Socket dealer, String endpoint) {
        dealer.set(SocketOption.ROUTING_ID, X);
        dealer.connect(endpoint);
        assertTrue(dealer.send("Hello"));
        assertArrayEquals(X, router.recv());
        assertEquals("Hello", router.recvString());
    }
}
