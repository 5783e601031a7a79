package io.github.zmqffm.libzmq;

import io.github.zmqffm.Errno;
import io.github.zmqffm.SendFlag;
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
 * libzmq {@code tests/test_router_mandatory.cpp} (test_basic): a ROUTER silently drops a message to an unknown
 * routing id, unless ZMQ_ROUTER_MANDATORY is set: then the send fails with EHOSTUNREACH (a {@code ZmqException},
 * not a false), and succeeds once that peer is connected. ({@code zmq_socket_get_peer_state}, which the
 * other cases use, is not part of zmq-ffm's API.)
 */
class TestRouterMandatory {

    @RegisterExtension
    final TestContext zmq = new TestContext();

    @Test
    void testBasic() {
        try (Socket router = zmq.socket(SocketType.ROUTER)) {
            String endpoint = router.bind("tcp://127.0.0.1:*");
            assertTrue(router.sendMore("UNKNOWN"));
            assertTrue(router.send("DATA"), "dropped silently by default");

            router.set(SocketOption.ROUTER_MANDATORY, true);
            TestContext.assertErrno(Errno.EHOSTUNREACH, () -> router.send("UNKNOWN", SendFlag.SNDMORE));

            try (Socket dealer = zmq.socket(SocketType.DEALER)) {
                dealer.set(SocketOption.ROUTING_ID, "X".getBytes());
                dealer.connect(endpoint);
                assertTrue(dealer.send("Hello"));
                assertArrayEquals("X".getBytes(), router.recv(), "the connection is ready");
                assertEquals("Hello", router.recvString());
                assertTrue(router.sendMore("X"));
                assertTrue(router.send("Hello"));
                assertEquals("Hello", dealer.recvString());
            }
        }
    }
}
