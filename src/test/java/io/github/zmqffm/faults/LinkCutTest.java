package io.github.zmqffm.faults;

import io.github.zmqffm.Monitor;
import io.github.zmqffm.MonitorEvent;
import io.github.zmqffm.Socket;
import io.github.zmqffm.SocketOption;
import io.github.zmqffm.SocketType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.EnumSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A link cut and restored under traffic, on a real (virtual) network: a PUSH peer in a test host (its own network
 * namespace, {@link NetNamespace}) streams sequence numbers to a PULL in this JVM; the veth link goes down, then up.
 * With heartbeats both ends notice the dead peer within the heartbeat timeout (TCP alone would retransmit for many
 * minutes); the peer reconnects once the link is back and the stream resumes, with no duplicate and no reordering.
 * What can be lost is what was in flight on the broken connection: one contiguous gap. Skipped where namespaces
 * cannot be made (not root, no iproute2).
 */
class LinkCutTest {

    @RegisterExtension
    final TestHost test = new TestHost();

    @Test
    void heartbeatsDetectTheCutAndTheStreamResumesWithoutDuplicates() throws Exception {
        try (Socket pull = test.context().socket(SocketType.PULL);
             Monitor events = Monitor.of(pull, EnumSet.of(MonitorEvent.Type.ACCEPTED, MonitorEvent.Type.DISCONNECTED))) {
            pull.set(SocketOption.LINGER, 0);
            pull.set(SocketOption.HEARTBEAT_IVL, 200);
            pull.set(SocketOption.HEARTBEAT_TIMEOUT, 1000);
            pull.set(SocketOption.RCVTIMEO, 100);
            String endpoint = pull.bind("tcp://" + test.namespace().hostAddress() + ":*");
            try (PeerProcess _ = PeerProcess.start(test.namespace(), "push", endpoint, "200")) {
                SequenceCheck stream = new SequenceCheck();
                receive(pull, stream, 300, Duration.ofSeconds(30));
                assertEquals(0, stream.lost(), "nothing lost before the cut: " + stream);

                test.namespace().linkDown();
                long cut = System.nanoTime();
                awaitDisconnect(events, pull, stream);
                long detectedMillis = (System.nanoTime() - cut) / 1_000_000;
                assertTrue(detectedMillis < 15_000, "heartbeats (1 s timeout) saw the dead peer after " + detectedMillis + " ms");
                Long queued;
                while ((queued = receiveOne(pull)) != null) {
                    stream.accept(queued); // what had arrived before the cut is still delivered
                }
                long beforeRestore = stream.received();
                Thread.sleep(1000);
                assertNull(receiveOne(pull), "nothing arrives over a cut link");

                test.namespace().linkUp();
                receive(pull, stream, beforeRestore + 300, Duration.ofSeconds(30));
                System.out.println("[link cut] dead peer detected after " + detectedMillis + " ms; " + stream);
                assertEquals(0, stream.duplicatedOrReordered(), "no duplicate, no reordering: " + stream);
                assertTrue(stream.gaps().size() <= 1, "at most one gap, the messages in flight at the cut: " + stream);
            }
        }
    }

    /** Without heartbeats nothing notices a cut link for as long as TCP retransmits (minutes): the reason for them. */
    @Test
    void withoutHeartbeatsTheCutGoesUnnoticed() throws Exception {
        try (Socket pull = test.context().socket(SocketType.PULL);
             Monitor events = Monitor.of(pull, EnumSet.of(MonitorEvent.Type.DISCONNECTED))) {
            pull.set(SocketOption.LINGER, 0);
            pull.set(SocketOption.RCVTIMEO, 100);
            String endpoint = pull.bind("tcp://" + test.namespace().hostAddress() + ":*");
            try (PeerProcess _ = PeerProcess.start(test.namespace(), "push", endpoint, "0")) {
                SequenceCheck stream = new SequenceCheck();
                receive(pull, stream, 100, Duration.ofSeconds(30));
                test.namespace().linkDown();
                assertNull(events.next(Duration.ofSeconds(3)), "no DISCONNECTED: TCP is still retransmitting");
                test.namespace().linkUp();
                long before = stream.received();
                receive(pull, stream, before + 100, Duration.ofSeconds(60));
                assertEquals(0, stream.duplicatedOrReordered(), stream.toString());
                assertEquals(0, stream.lost(), "the same connection carried on, nothing lost: " + stream);
            }
        }
    }

    /** Receives until {@code total} messages have come in all (bounded by {@code within}). */
    private static void receive(Socket pull, SequenceCheck stream, long total, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        while (stream.received() < total && System.nanoTime() < deadline) {
            Long seq = receiveOne(pull);
            if (seq != null) {
                stream.accept(seq);
            }
        }
        assertTrue(stream.received() >= total, "the stream stalled: " + stream);
    }

    private static Long receiveOne(Socket pull) {
        byte[] buffer = new byte[8];
        return pull.recv(buffer) == 8 ? ByteBuffer.wrap(buffer).getLong() : null;
    }

    /** Drains what still arrives until the monitor reports the disconnection (at most 20 s). */
    private static void awaitDisconnect(Monitor events, Socket pull, SequenceCheck stream) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            MonitorEvent event = events.next(Duration.ofMillis(50));
            if (event != null && event.type() == MonitorEvent.Type.DISCONNECTED) {
                return;
            }
            Long seq = receiveOne(pull);
            if (seq != null) {
                stream.accept(seq);
            }
        }
        throw new AssertionError("no DISCONNECTED within 20 s of the cut; " + stream);
    }
}
