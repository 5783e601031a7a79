package io.github.zmqffm.libzmq;

import io.github.zmqffm.Curve;
import io.github.zmqffm.Errno;
import io.github.zmqffm.Monitor;
import io.github.zmqffm.MonitorEvent.Type;
import io.github.zmqffm.Socket;
import io.github.zmqffm.SocketOption;
import io.github.zmqffm.SocketType;
import io.github.zmqffm.TestContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;

import static io.github.zmqffm.libzmq.Scenario.expectEvent;
import static io.github.zmqffm.libzmq.Scenario.expectNoEvent;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * libzmq {@code tests/test_heartbeats.cpp}: ZMTP heartbeats. A server with ZMQ_HEARTBEAT_IVL drops a peer that
 * never answers its PINGs (a mock ZMTP client); a PING's context comes back in the PONG (truncated to 16 bytes);
 * a client's ZMQ_HEARTBEAT_TTL makes a server without heartbeats drop it when its PINGs stop; peers that exchange
 * PINGs and PONGs stay connected, with and without CURVE; the TTL is kept in deciseconds.
 *
 * <p>Where libzmq waits for "no timeout" with a 50 ms heartbeat, this suite gives the PONG 1 s
 * (ZMQ_HEARTBEAT_TIMEOUT): the scenario is the same, and a noisy machine cannot fake a dead peer.
 */
class TestHeartbeats {

    @RegisterExtension
    final TestContext zmq = new TestContext();

    private static final EnumSet<Type> SERVER_EVENTS = EnumSet.of(Type.CONNECTED, Type.DISCONNECTED, Type.ACCEPTED);

    /** libzmq's prep_server_socket: a bound server with linger 0, maybe heartbeats and CURVE, and its monitor. */
    private record Server(Socket socket, Monitor events, String endpoint) implements AutoCloseable {
        @Override
        public void close() {
            events.close();
            socket.close();
        }
    }

    private Server prepServerSocket(boolean heartbeats, Curve.KeyPair curve, SocketType type) {
        Socket server = zmq.socket(type);
        if (heartbeats) {
            server.set(SocketOption.HEARTBEAT_IVL, 50);
            server.set(SocketOption.HEARTBEAT_TIMEOUT, 1000);
        }
        if (curve != null) {
            server.set(SocketOption.CURVE_SERVER, true);
            server.set(SocketOption.CURVE_SECRETKEY, curve.secretKey());
        }
        String endpoint = server.bind("tcp://127.0.0.1:*");
        return new Server(server, Monitor.of(server, SERVER_EVENTS), endpoint);
    }

    /** A server pinging every 50 ms, expecting a PONG within 50 ms (libzmq's defaults for the timeout test). */
    @Test
    void testHeartbeatTimeoutRouter() throws Exception {
        try (Socket server = zmq.socket(SocketType.ROUTER);
             Monitor events = Monitor.of(server, SERVER_EVENTS)) {
            server.set(SocketOption.HEARTBEAT_IVL, 50);
            String endpoint = server.bind("tcp://127.0.0.1:*");
            try (Zmtp client = Zmtp.connect(endpoint)) {
                client.handshake("DEALER"); // and then never answer a PING
                expectEvent(events, Type.ACCEPTED);
                expectEvent(events, Type.DISCONNECTED);
            }
        }
    }

    @Test
    void testHeartbeatTimeoutRouterMockPing() throws Exception {
        try (Server server = prepServerSocket(false, null, SocketType.ROUTER);
             Zmtp client = Zmtp.connect(server.endpoint())) {
            client.handshake("DEALER");
            expectEvent(server.events(), Type.ACCEPTED);
            byte[] context = "LOL".getBytes(StandardCharsets.US_ASCII);
            client.write(Zmtp.ping(0, context));
            assertArrayEquals(Zmtp.pong(context), client.read(Zmtp.pong(context).length), "the context echoed");
            byte[] large = new byte[58];
            Arrays.fill(large, (byte) 'z');
            System.arraycopy(context, 0, large, 0, 3);
            client.write(Zmtp.ping(0, large));
            byte[] truncated = Arrays.copyOf(large, 16);
            assertArrayEquals(Zmtp.pong(truncated), client.read(Zmtp.pong(truncated).length),
                    "a long context comes back truncated to 16 bytes");
        }
    }

    /** libzmq's test_heartbeat_ttl: a client TTL of 100 ms with PINGs every 250 ms: the server drops it. */
    @ParameterizedTest(name = "{0} to {1}")
    @CsvSource({"DEALER, ROUTER", "REQ, REP", "PULL, PUSH", "SUB, PUB", "PAIR, PAIR", "CLIENT, SERVER",
        "GATHER, SCATTER"})
    void testHeartbeatTtl(SocketType clientType, SocketType serverType) {
        try (Server server = prepServerSocket(false, null, serverType); Socket client = zmq.socket(clientType)) {
            client.set(SocketOption.HEARTBEAT_TTL, 100);
            client.set(SocketOption.HEARTBEAT_IVL, 250);
            client.connect(server.endpoint());
            expectEvent(server.events(), Type.ACCEPTED);
            expectEvent(server.events(), Type.DISCONNECTED);
        }
    }

    /** libzmq's test_heartbeat_notimeout: PINGs answered by PONGs keep the connection, with and without CURVE. */
    @ParameterizedTest(name = "{0} to {1}, curve {2}")
    @CsvSource({"DEALER, ROUTER, false", "REQ, REP, false", "PULL, PUSH, false", "SUB, PUB, false",
        "PAIR, PAIR, false", "CLIENT, SERVER, false", "GATHER, SCATTER, false",
        "DEALER, ROUTER, true", "REQ, REP, true", "PULL, PUSH, true", "SUB, PUB, true", "PAIR, PAIR, true",
        "CLIENT, SERVER, true", "GATHER, SCATTER, true"})
    void testHeartbeatNotimeout(SocketType clientType, SocketType serverType, boolean curve) {
        Curve.KeyPair serverKeys = curve ? Curve.keypair() : null;
        try (Server server = prepServerSocket(true, serverKeys, serverType); Socket client = zmq.socket(clientType)) {
            if (curve) {
                Curve.KeyPair clientKeys = Curve.keypair();
                client.set(SocketOption.CURVE_PUBLICKEY, clientKeys.publicKey());
                client.set(SocketOption.CURVE_SECRETKEY, clientKeys.secretKey());
                client.set(SocketOption.CURVE_SERVERKEY, serverKeys.publicKey());
            }
            client.connect(server.endpoint());
            expectEvent(server.events(), Type.ACCEPTED);
            expectNoEvent(server.events(), Duration.ofMillis(600)); // a dozen PINGs, all answered
        }
    }

    /** The TTL goes on the wire in deciseconds (16 bits): set values are rounded down to 100 ms. */
    @Test
    void testSetsockoptHeartbeatTtlMax() {
        assertTtlRoundTrip(65536 * 100 - 1);
    }

    @Test
    void testSetsockoptHeartbeatTtlMoreThanMaxFails() {
        try (Socket socket = zmq.socket(SocketType.PAIR)) {
            TestContext.assertErrno(Errno.EINVAL, () -> socket.set(SocketOption.HEARTBEAT_TTL, 65536 * 100));
        }
    }

    @Test
    void testSetsockoptHeartbeatTtlNearZero() {
        assertTtlRoundTrip(99);
    }

    private void assertTtlRoundTrip(int value) {
        try (Socket socket = zmq.socket(SocketType.PAIR)) {
            socket.set(SocketOption.HEARTBEAT_TTL, value);
            assertEquals(value - value % 100, socket.get(SocketOption.HEARTBEAT_TTL));
        }
    }
}
