package io.github.zmqffm.libzmq;

import io.github.zmqffm.Errno;
import io.github.zmqffm.Socket;
import io.github.zmqffm.SocketType;
import io.github.zmqffm.TestContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * libzmq {@code tests/test_term_endpoint.cpp}: unbinding or disconnecting an endpoint ends its connections (a send
 * then has no pipe: EAGAIN, here false); wildcard binds are undone with the endpoint ZMQ_LAST_ENDPOINT reports,
 * never with the wildcard itself (ENOENT). Added: a disconnect by LAST_ENDPOINT after a connect.
 */
class TestTermEndpoint {

    @RegisterExtension
    final TestContext zmq = new TestContext();

    @Test
    void testSendAfterUnbindFails() {
        try (Socket push = zmq.socket(SocketType.PUSH); Socket pull = zmq.socket(SocketType.PULL)) {
            String endpoint = push.bind("tcp://127.0.0.1:*");
            pull.connect(endpoint);
            assertTrue(push.send("ABC"));
            assertEquals("ABC", pull.recvString());
            push.unbind(endpoint);
            Scenario.awaitSendRefused(push, "no outbound connection any more");
        }
    }

    @Test
    void testSendAfterDisconnectFails() {
        try (Socket pull = zmq.socket(SocketType.PULL); Socket push = zmq.socket(SocketType.PUSH)) {
            String endpoint = pull.bind("tcp://127.0.0.1:*");
            push.connect(endpoint);
            assertTrue(push.send("ABC"));
            assertEquals("ABC", pull.recvString());
            push.disconnect(endpoint);
            Scenario.awaitSendRefused(push, "no connection any more");
        }
    }

    @Test
    void testUnbindViaLastEndpoint() {
        try (Socket push = zmq.socket(SocketType.PUSH); Socket pull = zmq.socket(SocketType.PULL)) {
            push.bind("tcp://127.0.0.1:*");
            pull.bind("ipc://*");
            push.unbind(push.lastEndpoint());
            String ipc = pull.lastEndpoint();
            assertTrue(ipc.startsWith("ipc://") && !ipc.equals("ipc://*"), ipc);
            pull.unbind(ipc);
        }
    }

    @Test
    void testWildcardUnbindFails() {
        try (Socket push = zmq.socket(SocketType.PUSH); Socket pull = zmq.socket(SocketType.PULL)) {
            push.bind("tcp://127.0.0.1:*");
            pull.bind("ipc://*");
            TestContext.assertErrno(Errno.ENOENT, () -> push.unbind("tcp://127.0.0.1:*"));
            TestContext.assertErrno(Errno.ENOENT, () -> pull.unbind("ipc://*"));
        }
    }

    @Test
    void disconnectViaLastEndpoint() {
        try (Socket pull = zmq.socket(SocketType.PULL); Socket push = zmq.socket(SocketType.PUSH)) {
            String endpoint = pull.bind("tcp://127.0.0.1:*");
            push.connect(endpoint);
            assertEquals(endpoint, push.lastEndpoint(), "after a connect it names the connected endpoint");
            assertTrue(push.send("ABC"));
            assertEquals("ABC", pull.recvString());
            push.disconnect(push.lastEndpoint());
            Scenario.awaitSendRefused(push);
            TestContext.assertErrno(Errno.ENOENT, () -> push.disconnect(endpoint));
        }
    }
}
