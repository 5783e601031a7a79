package io.github.zmqffm.libzmq;

import io.github.zmqffm.Errno;
import io.github.zmqffm.Monitor;
import io.github.zmqffm.MonitorEvent;
import io.github.zmqffm.RecvFlag;
import io.github.zmqffm.SendFlag;
import io.github.zmqffm.Socket;
import io.github.zmqffm.SocketOption;
import io.github.zmqffm.ZmqException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** What the libzmq scenarios share, after libzmq's {@code tests/testutil.hpp}; every loop is bounded. */
final class Scenario {

    /** libzmq's SETTLE_TIME: how long its tests let the I/O threads catch up. */
    static final Duration SETTLE = Duration.ofMillis(300);
    /** libzmq's MAX_SENDS in the HWM tests: the most messages a "send until it blocks" loop tries. */
    static final int MAX_SENDS = 10_000;
    /** The 32-byte content of libzmq's bounce messages. */
    private static final byte[] BOUNCE = "12345678ABCDEFGH12345678abcdefgh".getBytes();

    private Scenario() {}

    /** Sleeps {@link #SETTLE}. */
    static void settle() {
        sleep(SETTLE);
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Sends empty messages with DONTWAIT until one would block (at most {@code max}); returns how many went. */
    static int sendUntilBlocked(Socket socket, int max) {
        int sent = 0;
        while (sent < max && socket.send(new byte[0], SendFlag.DONTWAIT)) {
            sent++;
        }
        return sent;
    }

    /**
     * Sends with DONTWAIT until a send is refused (EAGAIN: no pipe left, once libzmq's I/O thread has torn the
     * connection down), within 10 s; libzmq's tests sleep SETTLE_TIME and try once. Fewer than SNDHWM sends may be
     * accepted first, so that a refusal cannot come from a full pipe to a peer still connected.
     */
    static void awaitSendRefused(Socket socket, String why) {
        int hwm = socket.get(SocketOption.SNDHWM);
        long deadline = System.nanoTime() + 10_000_000_000L;
        for (int accepted = 0; accepted < hwm && System.nanoTime() < deadline; accepted++) {
            if (!socket.send("ABC", SendFlag.DONTWAIT)) {
                return;
            }
            sleep(Duration.ofMillis(5)); // the teardown is another thread's work: nothing to wait on
        }
        fail("sends still accepted (up to SNDHWM " + hwm + ", 10 s): " + why);
    }

    static void awaitSendRefused(Socket socket) {
        awaitSendRefused(socket, "the connection should be gone");
    }

    /** Receives with DONTWAIT until nothing is queued (at most 10 million); returns how many came. */
    static int drain(Socket socket) {
        byte[] buffer = new byte[256];
        int received = 0;
        while (received < 10_000_000 && socket.recv(buffer, RecvFlag.DONTWAIT) >= 0) {
            received++;
        }
        return received;
    }

    /** libzmq's bounce: a two-part message from client to server and back, checked on arrival. */
    static void bounce(Socket server, Socket client) {
        for (Socket socket : List.of(server, client)) {
            socket.set(SocketOption.SNDTIMEO, 5000);
            socket.set(SocketOption.RCVTIMEO, 5000);
        }
        sendBounce(client);
        receiveBounce(server);
        sendBounce(server);
        receiveBounce(client);
    }

    /** libzmq's expect_bounce_fail: neither direction gets a message through within 250 ms. */
    static void expectBounceFail(Socket server, Socket client) {
        for (Socket socket : List.of(server, client)) {
            socket.set(SocketOption.SNDTIMEO, 250);
            socket.set(SocketOption.RCVTIMEO, 250);
        }
        client.sendMore(BOUNCE);    // may time out: no peer
        client.send(BOUNCE);
        assertNull(server.recv(), "the server received although the connection should be gone");
        server.sendMore(BOUNCE);
        server.send(BOUNCE);
        assertNull(client.recv(), "the client received although the connection should be gone");
    }

    private static void sendBounce(Socket socket) {
        assertTrue(socket.sendMore(BOUNCE));
        assertTrue(socket.send(BOUNCE));
    }

    private static void receiveBounce(Socket socket) {
        assertArrayEquals(BOUNCE, socket.recv());
        assertTrue(socket.hasReceiveMore());
        assertArrayEquals(BOUNCE, socket.recv());
        assertFalse(socket.hasReceiveMore());
    }

    /** Sends the frames as one message (libzmq's s_send_seq). */
    static void sendSeq(Socket socket, String... frames) {
        for (int i = 0; i < frames.length; i++) {
            assertTrue(socket.send(frames[i], i < frames.length - 1 ? SendFlag.SNDMORE : SendFlag.NONE),
                    "send " + Arrays.toString(frames));
        }
    }

    /** Receives one message and checks its frames (libzmq's s_recv_seq). */
    static void recvSeq(Socket socket, String... frames) {
        List<String> got = new ArrayList<>();
        do {
            String frame = socket.recvString();
            assertNotNull(frame, "timed out after " + got + ", expecting " + Arrays.toString(frames));
            got.add(frame);
        } while (socket.hasReceiveMore() && got.size() < 100);
        assertEquals(List.of(frames), got);
    }

    /**
     * A tcp endpoint on 127.0.0.1 where nobody listens: a port the kernel just gave a Java listener, closed again
     * (synchronously, unlike a libzmq socket, whose listener its I/O thread closes later).
     */
    static String unusedTcpEndpoint() {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return "tcp://127.0.0.1:" + probe.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Binds again to an endpoint that a just-closed socket held: libzmq's I/O thread closes the old listener a moment
     * after the close, so EADDRINUSE is retried for up to 5 s.
     */
    static void rebind(Socket socket, String endpoint) {
        long deadline = System.nanoTime() + 5_000_000_000L;
        for (;;) {
            try {
                socket.bind(endpoint);
                return;
            } catch (ZmqException e) {
                if (e.error() != Errno.EADDRINUSE || System.nanoTime() > deadline) {
                    throw e;
                }
                sleep(Duration.ofMillis(20));
            }
        }
    }

    /** The next event (libzmq's expect_monitor_event): it must come within 10 s and be of this type. */
    static MonitorEvent expectEvent(Monitor monitor, MonitorEvent.Type type) {
        MonitorEvent event = monitor.next(Duration.ofSeconds(10));
        assertNotNull(event, "no monitor event, expected " + type);
        assertEquals(type, event.type(), "unexpected monitor event " + event);
        return event;
    }

    /** Skips events until one of {@code type} (at most 100 events and 10 s); fails listing those seen. */
    static MonitorEvent awaitEvent(Monitor monitor, MonitorEvent.Type type, Duration within) {
        List<MonitorEvent> seen = new ArrayList<>();
        long deadline = System.nanoTime() + within.toNanos();
        while (seen.size() < 100 && System.nanoTime() < deadline) {
            MonitorEvent event = monitor.next(Duration.ofMillis(200));
            if (event != null && event.type() == type) {
                return event;
            }
            if (event != null) {
                seen.add(event);
            }
        }
        return fail("no " + type + " within " + within + " among " + seen);
    }

    /** No event comes within {@code quiet}. */
    static void expectNoEvent(Monitor monitor, Duration quiet) {
        MonitorEvent event = monitor.next(quiet);
        assertNull(event, "unexpected monitor event " + event);
    }
}
