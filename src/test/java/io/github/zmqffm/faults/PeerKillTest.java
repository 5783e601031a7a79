package io.github.zmqffm.faults;

import io.github.zmqffm.Monitor;
import io.github.zmqffm.MonitorEvent;
import io.github.zmqffm.SendFlag;
import io.github.zmqffm.Socket;
import io.github.zmqffm.SocketOption;
import io.github.zmqffm.SocketType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.EnumSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A peer process on a test host killed with SIGKILL and started again while this JVM keeps sending. libzmq's
 * documented outcome: the connecting side notices the closed connection at once (the kernel resets it), keeps its
 * pipe and reconnects every RECONNECT_IVL; what it sends meanwhile (up to SNDHWM) reaches the new process; what
 * is lost is what the killed process held (its queue) and what was in flight on its connection, one contiguous
 * range; nothing is duplicated or reordered. A REQ whose REP dies loses that request and must resend it (REQ_RELAXED
 * and REQ_CORRELATE make that safe: the Lazy Pirate pattern). Skipped where namespaces cannot be made.
 */
class PeerKillTest {

    @RegisterExtension
    final TestHost test = new TestHost();

    @Test
    void pushToAKilledAndRestartedPullLosesOnlyWhatThePeerHeld() throws Exception {
        String endpoint = "tcp://" + test.namespace().peerAddress() + ":5555"; // inside the test host: no port can clash
        SequenceCheck delivered = new SequenceCheck();
        try (Socket push = test.context().socket(SocketType.PUSH);
             Monitor events = Monitor.of(push, EnumSet.of(MonitorEvent.Type.DISCONNECTED))) {
            push.set(SocketOption.LINGER, 0);
            push.set(SocketOption.RECONNECT_IVL, 100);
            push.set(SocketOption.SNDHWM, 100_000); // everything sent while the peer is down stays queued
            long seq = 0;
            try (PeerProcess first = PeerProcess.start(test.namespace(), "pull", endpoint)) {
                push.connect(endpoint);
                seq = sendPaced(push, seq, 500);
                // Under traffic: kill it while messages are still arriving.
                seq = sendPaced(push, seq, 200);
                first.kill();
                readAll(first, delivered);
            }
            assertNotNull(events.next(Duration.ofSeconds(10)), "the kill is seen at once as a DISCONNECTED");
            long sentBeforeRestart = seq;
            seq = sendPaced(push, seq, 300); // the peer is down: queued in the PUSH's pipe
            try (PeerProcess second = PeerProcess.start(test.namespace(), "pull", endpoint)) {
                seq = sendPaced(push, seq, 300);
                awaitCount(second, delivered, seq - 1, Duration.ofSeconds(60));
            }
            System.out.println("[peer kill] sent " + seq + " (" + sentBeforeRestart + " before the restart); "
                    + delivered);
            assertEquals(0, delivered.duplicatedOrReordered(), "no duplicate, no reordering: " + delivered);
            assertTrue(delivered.gaps().size() <= 1, "at most one gap, what the killed peer held: " + delivered);
            assertEquals(seq - 1, delivered.last(), "the last message reached the new peer");
            if (!delivered.gaps().isEmpty()) {
                assertTrue(delivered.gaps().get(0)[1] < sentBeforeRestart,
                        "nothing sent after the kill is lost: " + delivered);
            }
        }
    }

    @Test
    void reqResendsToARestartedRepAndGetsEveryAnswerOnce() throws Exception {
        String endpoint = "tcp://" + test.namespace().peerAddress() + ":5556";
        try (Socket req = test.context().socket(SocketType.REQ)) {
            req.set(SocketOption.LINGER, 0);
            req.set(SocketOption.RECONNECT_IVL, 100);
            req.set(SocketOption.REQ_RELAXED, true);
            req.set(SocketOption.REQ_CORRELATE, true);
            req.set(SocketOption.RCVTIMEO, 1000);
            try (PeerProcess first = PeerProcess.start(test.namespace(), "rep", endpoint, "0", "request 20")) {
                req.connect(endpoint);
                for (int i = 0; i < 20; i++) {
                    ask(req, "request " + i);
                }
                assertTrue(req.send("request 20"));
                first.awaitLine("stalled", 30); // the REP holds the request and will never answer
                first.kill();
            }
            assertNull(req.recvString(), "the request in flight died with the REP: no answer comes");
            try (PeerProcess _ = PeerProcess.start(test.namespace(), "rep", endpoint)) {
                int resends = 1 + ask(req, "request 20"); // REQ_RELAXED: it may send again without a reply
                for (int i = 21; i < 40; i++) {
                    ask(req, "request " + i);
                }
                System.out.println("[peer kill] REQ: 40 requests answered; request 20, lost with the"
                        + " killed REP, was sent " + (resends + 1) + " times");
            }
        }
    }

    /** Sends until answered (resending after each 1 s timeout, at most 60 times); returns how many resends. */
    private static int ask(Socket req, String request) {
        for (int attempt = 0; attempt < 60; attempt++) {
            assertTrue(req.send(request));
            String reply = req.recvString();
            if (reply != null) {
                assertEquals(request, reply, "REQ_CORRELATE: only the answer to the last request comes through");
                return attempt;
            }
        }
        throw new AssertionError("no answer to " + request + " within 60 attempts");
    }

    /** Sends {@code count} numbers, one a millisecond (blocking: a full pipe would make the PUSH wait). */
    private static long sendPaced(Socket push, long from, int count) throws InterruptedException {
        for (long seq = from; seq < from + count; seq++) {
            assertTrue(push.send(ByteBuffer.allocate(8).putLong(seq).array(), SendFlag.NONE));
            Thread.sleep(1);
        }
        return from + count;
    }

    /** Everything the (killed) peer printed. */
    private static void readAll(PeerProcess peer, SequenceCheck delivered) throws InterruptedException {
        String line;
        while ((line = peer.nextLine(0.5)) != null) {
            accept(line, delivered);
        }
    }

    private static void awaitCount(PeerProcess peer, SequenceCheck delivered, long last, Duration within)
            throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (delivered.last() < last && System.nanoTime() < deadline) {
            String line = peer.nextLine(0.5);
            if (line != null) {
                accept(line, delivered);
            }
        }
        assertEquals(last, delivered.last(), "the new peer got everything up to the end: " + delivered
                + "; stderr: " + peer.stderrText());
    }

    private static void accept(String line, SequenceCheck delivered) {
        if (line.startsWith("got ")) {
            delivered.accept(Long.parseLong(line.substring(4)));
        }
    }
}
