package io.github.zmqffm.libzmq;

import io.github.zmqffm.Socket;
import io.github.zmqffm.SocketOption;
import io.github.zmqffm.SocketType;
import io.github.zmqffm.TestContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** libzmq {@code tests/test_xpub_welcome_msg.cpp}: ZMQ_XPUB_WELCOME_MSG is sent to each new subscriber. */
class TestXpubWelcomeMsg {

    @RegisterExtension
    final TestContext zmq = new TestContext();

    @Test
    void test() {
        String endpoint = TestContext.inproc();
        try (Socket pub = zmq.socket(SocketType.XPUB); Socket sub = zmq.socket(SocketType.SUB)) {
            pub.bind(endpoint);
            pub.set(SocketOption.XPUB_WELCOME_MSG, "W".getBytes());
            sub.subscribe("W");
            sub.connect(endpoint);
            assertArrayEquals(new byte[] {1, 'W'}, pub.recv(), "the subscription to the welcome topic");
            assertEquals("W", sub.recvString(), "the welcome message");
        }
    }
}
