package io.github.zmqffm.auth;

import io.github.zmqffm.Monitor;
import io.github.zmqffm.MonitorEvent;
import io.github.zmqffm.Msg;
import io.github.zmqffm.Socket;
import io.github.zmqffm.SocketOption;
import io.github.zmqffm.SocketType;
import io.github.zmqffm.TestContext;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One client's attempt to get a message to a fresh PULL server over tcp on 127.0.0.1, watched on the server's
 * monitor: the first handshake event decides, and a refused client must get nothing through.
 */
final class Handshake {

    /** The handshake events of a server; the first one seen is the outcome. */
    private static final Set<MonitorEvent.Type> HANDSHAKE_EVENTS = Set.of(MonitorEvent.Type.HANDSHAKE_SUCCEEDED,
            MonitorEvent.Type.HANDSHAKE_FAILED_NO_DETAIL, MonitorEvent.Type.HANDSHAKE_FAILED_PROTOCOL,
            MonitorEvent.Type.HANDSHAKE_FAILED_AUTH);
    private static final Duration EVENT_TIMEOUT = Duration.ofSeconds(10);

    /**
     * What happened.
     *
     * @param event      the server's first handshake event
     * @param text       the message the server received, or null
     * @param properties the message's metadata asked for ("User-Id" always)
     */
    record Outcome(MonitorEvent event, String text, Map<String, String> properties) {

        /** Asserts the client got through, and returns its User-Id. */
        String assertAllowed() {
            assertEquals(MonitorEvent.Type.HANDSHAKE_SUCCEEDED, event.type(), "the handshake failed: " + event);
            assertEquals(MESSAGE, text, "the server did not get the client's message");
            return properties.get("User-Id");
        }

        /** Asserts the client was refused by ZAP with {@code status} (and got nothing through). */
        void assertRefusedByZap(int status) {
            assertRefused(MonitorEvent.Type.HANDSHAKE_FAILED_AUTH);
            assertEquals(status, event.value(), "ZAP status");
        }

        /** Asserts the handshake failed as {@code type} (and nothing got through). */
        void assertRefused(MonitorEvent.Type type) {
            assertRefused(Set.of(type));
        }

        /** Asserts the handshake failed as one of {@code types} (and nothing got through). */
        void assertRefused(Set<MonitorEvent.Type> types) {
            assertTrue(types.contains(event.type()), "the handshake's outcome: " + event + ", expected one of " + types);
            assertNull(text, "a refused client's message reached the server");
        }
    }

    static final String MESSAGE = "hello";
    /**
     * How libzmq refuses a client whose mechanism differs from the server's: both sides see it at the greeting, and
     * if the client hangs up first the server sees a broken pipe (NO_DETAIL) instead of the mismatch.
     */
    static final Set<MonitorEvent.Type> MECHANISM_MISMATCH = Set.of(MonitorEvent.Type.HANDSHAKE_FAILED_PROTOCOL,
            MonitorEvent.Type.HANDSHAKE_FAILED_NO_DETAIL);

    private Handshake() {}

    /**
     * A tcp endpoint that connects from {@code source} (an address of this host, any port) to {@code endpoint}:
     * libzmq 4.3.4 needs the source's port, so {@code tcp://127.0.0.2:0;127.0.0.1:5555} (without {@code :0}
     * the connect fails silently, over and over, in the background).
     */
    static String fromSource(String source, String endpoint) {
        return "tcp://" + source + ":0;" + endpoint.substring("tcp://".length());
    }

    /** As {@link #attempt(TestContext, Consumer, Consumer, String, List)} from 127.0.0.1 and only "User-Id". */
    static Outcome attempt(TestContext zmq, Consumer<Socket> server, Consumer<Socket> client) {
        return attempt(zmq, server, client, null, List.of());
    }

    /**
     * A PULL server set up by {@code server}, bound to a random port of 127.0.0.1, and a PUSH client set up by
     * {@code client} that connects from {@code source} (null: the kernel's choice, 127.0.0.1) and sends
     * {@link #MESSAGE}.
     */
    static Outcome attempt(TestContext zmq, Consumer<Socket> server, Consumer<Socket> client, String source,
                           List<String> properties) {
        try (Socket pull = zmq.socket(SocketType.PULL);
             Monitor monitor = Monitor.of(pull, HANDSHAKE_EVENTS);
             Socket push = zmq.socket(SocketType.PUSH)) {
            server.accept(pull);
            String endpoint = pull.bind("tcp://127.0.0.1:*");
            client.accept(push);
            push.connect(source == null ? endpoint : fromSource(source, endpoint));
            assertTrue(push.send(MESSAGE), "the client could not queue its message");
            MonitorEvent event = monitor.next(EVENT_TIMEOUT);
            assertTrue(event != null, "no handshake event within " + EVENT_TIMEOUT);
            // A refused client must get nothing through: wait a little for anything that might leak.
            pull.set(SocketOption.RCVTIMEO, event.type() == MonitorEvent.Type.HANDSHAKE_SUCCEEDED ? 5000 : 300);
            try (Msg msg = new Msg()) {
                if (pull.recv(msg) < 0) {
                    return new Outcome(event, null, Map.of());
                }
                Map<String, String> values = new LinkedHashMap<>();
                values.put("User-Id", msg.gets("User-Id"));
                for (String property : properties) {
                    values.put(property, msg.gets(property));
                }
                return new Outcome(event, msg.getString(), values);
            }
        }
    }
}
