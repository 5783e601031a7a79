package io.github.zmqffm.libzmq;

import io.github.zmqffm.ContextOption;
import io.github.zmqffm.Socket;
import io.github.zmqffm.SocketOption;
import io.github.zmqffm.SocketType;
import io.github.zmqffm.TestContext;
import io.github.zmqffm.ZmqException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * libzmq {@code tests/test_reconnect_ivl.cpp}: with ZMQ_RECONNECT_IVL -1 a PAIR does not reconnect after its peer
 * unbinds and binds again; only an explicit connect restores the link. Over tcp (IPv4 and IPv6) and ipc.
 */
class TestReconnectIvl {

    @RegisterExtension
    final TestContext zmq = new TestContext();

    @TempDir
    Path directory;

    private void reconnectIvlAgainstPairSocket(String endpoint, Socket bound) {
        try (Socket connecting = zmq.socket(SocketType.PAIR)) {
            connecting.set(SocketOption.RECONNECT_IVL, -1);
            connecting.connect(endpoint);
            Scenario.bounce(bound, connecting);
            bound.unbind(endpoint);
            Scenario.expectBounceFail(bound, connecting);
            Scenario.rebind(bound, endpoint);
            Scenario.expectBounceFail(bound, connecting);
            connecting.connect(endpoint);
            Scenario.bounce(bound, connecting);
        }
    }

    @Test
    void testReconnectIvlIpc() {
        String endpoint = "ipc://" + directory.resolve("reconnect.ipc");
        try (Socket bound = zmq.socket(SocketType.PAIR)) {
            bound.bind(endpoint);
            reconnectIvlAgainstPairSocket(endpoint, bound);
        }
    }

    @Test
    void testReconnectIvlTcpIpv4() {
        try (Socket bound = zmq.socket(SocketType.PAIR)) {
            reconnectIvlAgainstPairSocket(bound.bind("tcp://127.0.0.1:*"), bound);
        }
    }

    @Test
    void testReconnectIvlTcpIpv6() {
        zmq.context().set(ContextOption.IPV6, 1); // as libzmq's test does: every socket made next is IPv6-capable
        try (Socket bound = zmq.socket(SocketType.PAIR)) {
            String endpoint;
            try {
                endpoint = bound.bind("tcp://[::1]:*");
            } catch (ZmqException e) {
                assumeTrue(false, "no IPv6 loopback here: " + e.getMessage());
                return;
            }
            reconnectIvlAgainstPairSocket(endpoint, bound);
        }
    }
}
