package io.github.zmqffm;

import io.github.zmqffm.MonitorEvent.ProtocolError;
import io.github.zmqffm.MonitorEvent.Type;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.github.zmqffm.TestContext.assertErrno;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

class MonitorTest {

    @RegisterExtension
    final TestContext zmq = new TestContext();

    /** Reads events until one of {@code type} comes (at most 50 events and 10 s); fails listing those seen. */
    private static MonitorEvent await(Monitor monitor, Type type) {
        List<MonitorEvent> seen = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (seen.size() < 50 && System.nanoTime() < deadline) {
            MonitorEvent event = monitor.next(Duration.ofMillis(500));
            if (event != null && event.type() == type) {
                return event;
            }
            if (event != null) {
                seen.add(event);
            }
        }
        return fail("no " + type + " among " + seen);
    }

    @Test
    void everyEventAndProtocolErrorOfZmqHIsNamed() throws Exception {
        String header = Files.readString(Path.of("target/libzmq/prefix/include/zmq.h"));
        Matcher events = Pattern.compile("#define ZMQ_EVENT_(\\w+) (0x[0-9A-Fa-f]+)").matcher(header);
        int count = 0;
        while (events.find()) {
            if (!events.group(1).startsWith("ALL")) {
                assertEquals(Integer.decode(events.group(2)), Type.valueOf(events.group(1)).bit(), events.group(1));
                count++;
            }
        }
        assertEquals(Type.values().length, count);
        Matcher errors = Pattern.compile("#define ZMQ_PROTOCOL_ERROR_(\\w+) (0x[0-9A-Fa-f]+)").matcher(header);
        count = 0;
        while (errors.find()) {
            String name = errors.group(1);
            assertEquals(Integer.decode(errors.group(2)), ProtocolError.valueOf(name).code(), name);
            count++;
        }
        assertEquals(ProtocolError.values().length, count);
        assertEquals(Type.values().length - 1, Type.all().size(), "all() but the v2-only PIPES_STATS");
    }

    @Test
    @SuppressWarnings("try") // closes the socket inside its try on purpose
    void listeningAcceptedConnectedDisconnectedClosedAndStoppedOverTcp() {
        try (Socket server = zmq.socket(SocketType.REP); Socket client = zmq.socket(SocketType.REQ);
             Monitor serverEvents = Monitor.of(server); Monitor clientEvents = Monitor.of(client)) {
            String endpoint = server.bind("tcp://127.0.0.1:*");
            MonitorEvent listening = await(serverEvents, Type.LISTENING);
            assertEquals(endpoint, listening.endpoint());
            assertTrue(listening.value() >= 0, "the listening fd");
            client.connect(endpoint);
            MonitorEvent connected = await(clientEvents, Type.CONNECTED);
            assertEquals(endpoint, connected.endpoint());
            await(clientEvents, Type.HANDSHAKE_SUCCEEDED);
            assertTrue(await(serverEvents, Type.ACCEPTED).endpoint().startsWith("tcp://127.0.0.1:"));
            await(serverEvents, Type.HANDSHAKE_SUCCEEDED);
            // (zmq_disconnect would finish only when the client is next used: libzmq works on calls into it.)
            client.close();
            await(serverEvents, Type.DISCONNECTED);
            await(clientEvents, Type.MONITOR_STOPPED);
            server.unbind(endpoint);
            assertEquals(endpoint, await(serverEvents, Type.CLOSED).endpoint());
        }
    }

    @Test
    void aFailedBindIsReportedWithItsErrno() {
        try (Socket first = zmq.socket(SocketType.PULL); Socket second = zmq.socket(SocketType.PULL);
             Monitor events = Monitor.of(second)) {
            String endpoint = first.bind("tcp://127.0.0.1:*");
            assertErrno(Errno.EADDRINUSE, () -> second.bind(endpoint));
            MonitorEvent failed = await(events, Type.BIND_FAILED);
            assertEquals(Errno.EADDRINUSE, failed.error());
            assertTrue(endpoint.endsWith(failed.endpoint()), "libzmq names " + failed.endpoint() + " without tcp://");
            assertNull(failed.protocolError());
        }
    }

    @Test
    void aConnectToNobodyIsRetriedAtTheReconnectInterval() {
        String endpoint;
        try (Socket probe = zmq.socket(SocketType.PULL)) {
            endpoint = probe.bind("tcp://127.0.0.1:*");
        }
        try (Socket client = zmq.socket(SocketType.PUSH); Monitor events = Monitor.of(client)) {
            client.set(SocketOption.RECONNECT_IVL, 150);
            client.connect(endpoint);
            assertEquals(Errno.EINPROGRESS, await(events, Type.CONNECT_DELAYED).error());
            MonitorEvent retried = await(events, Type.CONNECT_RETRIED);
            // libzmq adds a random part of up to one interval to each reconnect.
            assertTrue(retried.value() >= 150 && retried.value() < 300, "reconnect interval " + retried.value());
            assertEquals(endpoint, retried.endpoint());
        }
    }

    @Test
    void onlyTheRequestedTypesAreReported() {
        try (Socket server = zmq.socket(SocketType.PULL); Socket client = zmq.socket(SocketType.PUSH);
             Monitor accepted = Monitor.of(server, EnumSet.of(Type.ACCEPTED))) {
            TestContext.connectTcp(server, client);
            assertEquals(Type.ACCEPTED, accepted.next(Duration.ofSeconds(5)).type(), "LISTENING came first");
            assertNull(accepted.next(Duration.ofMillis(200)), "HANDSHAKE_SUCCEEDED was not requested");
        }
    }

    @Test
    @SuppressWarnings("try") // closes the socket inside its try on purpose
    void closingTheSocketStopsTheMonitor() {
        try (Socket socket = zmq.socket(SocketType.PULL); Monitor events = Monitor.of(socket)) {
            socket.bind("tcp://127.0.0.1:*");
            socket.close();
            await(events, Type.MONITOR_STOPPED);
        }
    }

    @Test
    void aCurveHandshakeSucceedsOrFailsOnTheServerKey() {
        Curve.KeyPair server = Curve.keypair();
        try (Socket rep = zmq.socket(SocketType.REP); Socket good = zmq.socket(SocketType.REQ);
             Socket bad = zmq.socket(SocketType.REQ); Monitor serverEvents = Monitor.of(rep);
             Monitor goodEvents = Monitor.of(good)) {
            String endpoint = curveServer(rep, server);
            curveClient(good, server.publicKey());
            good.connect(endpoint);
            await(goodEvents, Type.HANDSHAKE_SUCCEEDED);
            await(serverEvents, Type.HANDSHAKE_SUCCEEDED);
            curveClient(bad, Curve.keypair().publicKey());
            bad.connect(endpoint);
            MonitorEvent failed = await(serverEvents, Type.HANDSHAKE_FAILED_PROTOCOL);
            assertEquals(ProtocolError.ZMTP_CRYPTOGRAPHIC, failed.protocolError());
            assertTrue(failed.toString().contains("ZMTP_CRYPTOGRAPHIC"), failed.toString());
        }
    }

    /** Makes {@code server} a CURVE server with {@code keys} and binds it; returns the endpoint. */
    private static String curveServer(Socket server, Curve.KeyPair keys) {
        server.set(SocketOption.CURVE_SERVER, true);
        server.set(SocketOption.CURVE_SECRETKEY, keys.secretKey());
        return server.bind("tcp://127.0.0.1:*");
    }

    private static void curveClient(Socket client, String serverKey) {
        Curve.KeyPair keys = Curve.keypair();
        client.set(SocketOption.CURVE_PUBLICKEY, keys.publicKey());
        client.set(SocketOption.CURVE_SECRETKEY, keys.secretKey());
        client.set(SocketOption.CURVE_SERVERKEY, serverKey);
    }

    @Test
    void aZapDenialIsAnAuthFailureWithItsStatusCode() {
        Curve.KeyPair server = Curve.keypair();
        try (Socket zap = zmq.socket(SocketType.REP); Socket rep = zmq.socket(SocketType.REP);
             Socket req = zmq.socket(SocketType.REQ); Monitor serverEvents = Monitor.of(rep);
             Monitor clientEvents = Monitor.of(req)) {
            zap.bind("inproc://zeromq.zap.01");
            curveClient(req, server.publicKey());
            req.connect(curveServer(rep, server));
            Frames request = zap.recvMultipart();
            assertEquals("1.0", request.getString(0));
            assertEquals("CURVE", request.getString(5));
            zap.sendMultipart(List.of(request.get(0), request.get(1), bytes("400"), bytes("denied"), new byte[0],
                    new byte[0]));
            assertEquals(400, await(serverEvents, Type.HANDSHAKE_FAILED_AUTH).value());
            assertEquals(400, await(clientEvents, Type.HANDSHAKE_FAILED_AUTH).value());
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void misuseIsRefused() {
        try (Socket socket = zmq.socket(SocketType.PULL)) {
            assertThrows(IllegalArgumentException.class, () -> Monitor.of(socket, Set.of()));
            assertThrows(IllegalArgumentException.class, () -> Monitor.of(socket, EnumSet.of(Type.PIPES_STATS)));
            Monitor monitor = Monitor.of(socket);
            assertNull(monitor.next(Duration.ZERO), "nothing happened yet");
            monitor.close();
            monitor.close();
            assertThrows(IllegalStateException.class, () -> monitor.next(Duration.ZERO));
            try (Monitor again = Monitor.of(socket)) {
                socket.bind("tcp://127.0.0.1:*");
                assertEquals(Type.LISTENING, again.next(Duration.ofSeconds(5)).type(), "monitored again");
            }
        }
        Socket closed = zmq.socket(SocketType.PULL);
        closed.close();
        assertThrows(IllegalStateException.class, () -> Monitor.of(closed));
    }
}
