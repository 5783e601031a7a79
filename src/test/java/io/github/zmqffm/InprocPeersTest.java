package io.github.zmqffm;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Over inproc, libzmq connects sockets of any two types (there is no handshake to refuse them), and some pairs
 * abort the process; zmq-ffm refuses at bind or connect, with ENOCOMPATPROTO, exactly the pairs that libzmq's
 * handshake refuses over tcp.
 */
class InprocPeersTest {

    @RegisterExtension
    final TestContext zmq = new TestContext();

    /** STREAM has no inproc at all (SocketTypeTest); DGRAM is udp only. */
    private static final Set<SocketType> TYPES = EnumSet.complementOf(EnumSet.of(SocketType.STREAM, SocketType.DGRAM));
    /** A refused socket type gets no handshake event of its own in libzmq 4.3.4: the connection just drops. */
    private static final Set<MonitorEvent.Type> HANDSHAKE = EnumSet.of(MonitorEvent.Type.HANDSHAKE_SUCCEEDED,
            MonitorEvent.Type.HANDSHAKE_FAILED_PROTOCOL, MonitorEvent.Type.HANDSHAKE_FAILED_NO_DETAIL,
            MonitorEvent.Type.DISCONNECTED);

    /** For every pair of types, the tcp handshake (libzmq's own verdict) and the inproc connect agree. */
    @Test
    void inprocRefusesExactlyThePairsTheTcpHandshakeRefuses() {
        List<String> disagreements = new ArrayList<>();
        int pairs = 0;
        for (SocketType binder : TYPES) {
            for (SocketType connecter : TYPES) {
                boolean handshake = tcpHandshakeSucceeds(binder, connecter);
                boolean inproc = inprocConnectSucceeds(binder, connecter, "inproc://peers-" + pairs++);
                if (handshake != inproc) {
                    disagreements.add(binder + " <- " + connecter + ": tcp handshake " + handshake + ", inproc " + inproc);
                }
            }
        }
        assertEquals(List.of(), disagreements);
        assertEquals(TYPES.size() * TYPES.size(), pairs);
    }

    /** The fuzzer's finding (seed 1202, index 1630): a ROUTER connected to a DISH over inproc got its JOIN. */
    @Test
    void aDishTakesOnlyRadiosAsInprocPeersInEitherOrder() {
        try (Socket dish = zmq.socket(SocketType.DISH); Socket router = zmq.socket(SocketType.ROUTER);
             Socket pull = zmq.socket(SocketType.PULL); Socket radio = zmq.socket(SocketType.RADIO)) {
            dish.join("weather");
            dish.bind("inproc://dish-bound");
            ZmqException refused = assertThrows(ZmqException.class, () -> router.connect("inproc://dish-bound"));
            assertEquals(Errno.ENOCOMPATPROTO, refused.error());
            assertTrue(refused.getMessage().contains("ROUTER") && refused.getMessage().contains("DISH"),
                    refused.getMessage());

            pull.connect("inproc://dish-later"); // connect first: inproc allows it, and the bind is then checked
            assertEquals(Errno.ENOCOMPATPROTO, assertThrows(ZmqException.class, () -> dish.bind("inproc://dish-later")).error());
            pull.disconnect("inproc://dish-later");
            // libzmq keeps a connect made before any bind pending until one comes, disconnected or not (the fuzzer:
            // a PUB bound over a DISH's ended connect read its JOIN and aborted), so the refusal stands.
            assertEquals(Errno.ENOCOMPATPROTO, assertThrows(ZmqException.class, () -> dish.bind("inproc://dish-later")).error());
            dish.bind("inproc://dish-elsewhere");

            radio.connect("inproc://dish-bound");
            for (int i = 0; i < 500; i++) { // the join reaches the RADIO after the connect: send until one arrives
                try (Msg message = Msg.copyOf("sunny".getBytes(java.nio.charset.StandardCharsets.UTF_8))) {
                    message.setGroup("weather");
                    radio.send(message);
                }
                if (dish.recvString(RecvFlag.DONTWAIT) != null) {
                    return;
                }
                sleep(10);
            }
            throw new AssertionError("no RADIO message reached the DISH over inproc in 5 s");
        }
    }

    @Test
    void anUnboundOrClosedSocketNoLongerDecides() {
        try (Socket pull = zmq.socket(SocketType.PULL); Socket push = zmq.socket(SocketType.PUSH)) {
            Socket dish = zmq.socket(SocketType.DISH);
            dish.bind("inproc://unbound");
            dish.unbind("inproc://unbound");
            pull.connect("inproc://unbound");
            dish.bind("inproc://closed");
            dish.close();
            push.connect("inproc://closed");
            Socket dishAgain = zmq.socket(SocketType.DISH);
            assertEquals(Errno.ENOCOMPATPROTO, assertThrows(ZmqException.class, () -> dishAgain.bind("inproc://unbound")).error());
            dishAgain.close();
        }
    }

    /**
     * Whether libzmq's handshake accepts {@code connecter} as a peer of {@code binder} over tcp: the first verdict
     * of either side (a refused pair may be dropped by one side before the other has judged it).
     */
    private boolean tcpHandshakeSucceeds(SocketType binder, SocketType connecter) {
        try (Socket a = zmq.socket(binder); Socket b = zmq.socket(connecter);
             Monitor aEvents = Monitor.of(a, HANDSHAKE); Monitor bEvents = Monitor.of(b, HANDSHAKE)) {
            a.set(SocketOption.LINGER, 0);
            b.set(SocketOption.LINGER, 0);
            b.connect(a.bind("tcp://127.0.0.1:*"));
            for (int i = 0; i < 500; i++) {
                for (Monitor events : List.of(aEvents, bEvents)) {
                    MonitorEvent event = events.next(Duration.ofMillis(10));
                    if (event != null) {
                        return event.type() == MonitorEvent.Type.HANDSHAKE_SUCCEEDED;
                    }
                }
            }
            throw new AssertionError(binder + " <- " + connecter + ": no handshake verdict over tcp in 10 s");
        }
    }

    private boolean inprocConnectSucceeds(SocketType binder, SocketType connecter, String endpoint) {
        try (Socket a = zmq.socket(binder); Socket b = zmq.socket(connecter)) {
            a.bind(endpoint);
            try {
                b.connect(endpoint);
                return true;
            } catch (ZmqException e) {
                assertEquals(Errno.ENOCOMPATPROTO, e.error(), e.getMessage());
                return false;
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
