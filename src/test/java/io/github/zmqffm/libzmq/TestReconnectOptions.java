package io.github.zmqffm.libzmq;

import io.github.zmqffm.Monitor;
import io.github.zmqffm.MonitorEvent.Type;
import io.github.zmqffm.Socket;
import io.github.zmqffm.SocketOption;
import io.github.zmqffm.SocketType;
import io.github.zmqffm.TestContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;

import static io.github.zmqffm.libzmq.Scenario.expectEvent;
import static io.github.zmqffm.libzmq.Scenario.expectNoEvent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * libzmq {@code tests/test_reconnect_options.cpp}: the events of a SUB whose PUB goes away and comes back
 * (ZMQ_RECONNECT_IVL), and ZMQ_RECONNECT_STOP (draft) ending the retries on a refused connection or a failed
 * handshake. Added: data flows again after the reconnect, and what a PUSH queued while its peer was away is
 * delivered to the peer that binds again.
 */
class TestReconnectOptions {

    @RegisterExtension
    final TestContext zmq = new TestContext();

    /** RECONNECT_STOP values of zmq.h 4.3.4 (draft). */
    private static final int RECONNECT_STOP_CONN_REFUSED = 1;
    private static final int RECONNECT_STOP_HANDSHAKE_FAILED = 2;

    @Test
    void reconnectDefault() {
        try (Socket sub = zmq.socket(SocketType.SUB); Monitor events = Monitor.of(sub)) {
            String endpoint;
            try (Socket pub = zmq.socket(SocketType.PUB)) {
                endpoint = pub.bind("tcp://127.0.0.1:*");
                sub.set(SocketOption.RECONNECT_IVL, 60_000); // so that only one reconnect is tried
                sub.connect(endpoint);
                expectConnectEvents(events);
            }
            expectEvent(events, Type.DISCONNECTED);
            expectEvent(events, Type.CONNECT_RETRIED);
            expectNoEvent(events, Duration.ofSeconds(2));
        }
    }

    @Test
    void reconnectSuccess() {
        try (Socket sub = zmq.socket(SocketType.SUB); Monitor events = Monitor.of(sub)) {
            String endpoint;
            try (Socket pub = zmq.socket(SocketType.PUB)) {
                endpoint = pub.bind("tcp://127.0.0.1:*");
                sub.set(SocketOption.RECONNECT_IVL, 1000);
                sub.connect(endpoint);
                expectConnectEvents(events);
            }
            expectEvent(events, Type.DISCONNECTED);
            expectEvent(events, Type.CONNECT_RETRIED);
            expectNoEvent(events, Scenario.SETTLE);
            try (Socket pub = zmq.socket(SocketType.PUB)) {
                Scenario.rebind(pub, endpoint);
                expectConnectEvents(events);
                expectNoEvent(events, Scenario.SETTLE);
                // Added: the subscription is sent again on the new connection, so data flows.
                sub.subscribe("");
                TestHwmPubsub.awaitSubscription(pub, sub);
                assertTrue(pub.send("after the reconnect"));
                assertEquals("after the reconnect", sub.recvString());
            }
        }
    }

    @Test
    void reconnectStopOnRefused() {
        try (Socket sub = zmq.socket(SocketType.SUB); Monitor events = Monitor.of(sub)) {
            try (Socket pub = zmq.socket(SocketType.PUB)) {
                String endpoint = pub.bind("tcp://127.0.0.1:*");
                sub.set(SocketOption.RECONNECT_STOP, RECONNECT_STOP_CONN_REFUSED);
                sub.set(SocketOption.RECONNECT_IVL, 100);
                sub.connect(endpoint);
                expectConnectEvents(events);
            }
            expectEvent(events, Type.DISCONNECTED);
            expectEvent(events, Type.CONNECT_RETRIED);
            expectEvent(events, Type.CONNECT_DELAYED);
            expectEvent(events, Type.CLOSED);
            expectNoEvent(events, Duration.ofSeconds(1)); // 10 reconnect intervals: none is tried any more
        }
    }

    @Test
    void reconnectStopOnHandshakeFailed() {
        try (Socket dummy = zmq.socket(SocketType.STREAM); Socket sub = zmq.socket(SocketType.SUB);
             Monitor events = Monitor.of(sub)) {
            String endpoint = dummy.bind("tcp://127.0.0.1:*"); // accepts, then never speaks ZMTP
            sub.set(SocketOption.HANDSHAKE_IVL, 1000);
            sub.set(SocketOption.RECONNECT_STOP, RECONNECT_STOP_HANDSHAKE_FAILED);
            sub.set(SocketOption.RECONNECT_IVL, 100);
            sub.connect(endpoint);
            expectEvent(events, Type.CONNECT_DELAYED);
            expectEvent(events, Type.CONNECTED);
            expectEvent(events, Type.HANDSHAKE_FAILED_NO_DETAIL);
            expectEvent(events, Type.DISCONNECTED);
            expectNoEvent(events, Duration.ofSeconds(1)); // no CONNECT_RETRIED
        }
    }

    /**
     * Added: a connecting PUSH keeps its pipe while the peer is away, so what it sends meanwhile (up to SNDHWM)
     * reaches the PULL that binds the endpoint again, in order and without duplicates.
     */
    @Test
    void pushQueuesWhileThePeerIsAwayAndDeliversAfterItRebinds() {
        try (Socket push = zmq.socket(SocketType.PUSH); Monitor events = Monitor.of(push)) {
            push.set(SocketOption.RECONNECT_IVL, 50);
            String endpoint;
            try (Socket pull = zmq.socket(SocketType.PULL)) {
                endpoint = pull.bind("tcp://127.0.0.1:*");
                push.connect(endpoint);
                assertTrue(push.send("before"));
                assertEquals("before", pull.recvString());
            }
            Scenario.awaitEvent(events, Type.DISCONNECTED, Duration.ofSeconds(10));
            for (int i = 0; i < 100; i++) {
                assertTrue(push.send("while away " + i));
            }
            try (Socket pull = zmq.socket(SocketType.PULL)) {
                Scenario.rebind(pull, endpoint);
                for (int i = 0; i < 100; i++) {
                    String message = pull.recvString();
                    assertNotNull(message, "message " + i + " after the rebind");
                    assertEquals("while away " + i, message);
                }
                pull.set(SocketOption.RCVTIMEO, 300);
                assertEquals(null, pull.recvString(), "no duplicates");
            }
        }
    }

    private static void expectConnectEvents(Monitor events) {
        expectEvent(events, Type.CONNECT_DELAYED);
        expectEvent(events, Type.CONNECTED);
        expectEvent(events, Type.HANDSHAKE_SUCCEEDED);
    }
}
