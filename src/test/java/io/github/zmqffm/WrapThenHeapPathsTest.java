package io.github.zmqffm;

import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A wrapped message received over inproc into a {@code byte[]} (and a heap segment): the receive closes the
 * wrapped content on the receiving thread, which runs the Java free function. Inside a {@code critical}
 * downcall that used to be a fatal JVM error ("wrong thread state for upcall"); the heap paths must fall back
 * to non-critical calls once a wrap exists. Runs in a child JVM, because the failure kills the JVM.
 */
class WrapThenHeapPathsTest {

    private static final int MESSAGES = 20_000;

    @Test
    void wrappedMessagesReceivedIntoHeapMemoryDoNotCrashTheJvm() throws Exception {
        Process child = ChildJvm.start(List.of(), Probe.class);
        ChildJvm.Result result = ChildJvm.finish(child);
        assertEquals(0, result.exitCode(), () -> "child JVM: " + result.stdout() + result.stderr());
        assertTrue(result.stdout().contains("received " + 2 * MESSAGES + ", released " + 2 * MESSAGES),
                () -> "child JVM printed: " + result.stdout());
    }

    /** The child: wrap, send over inproc, receive into heap memory; prints what it received and released. */
    public static final class Probe {
        public static void main(String[] args) throws InterruptedException {
            AtomicInteger released = new AtomicInteger();
            int received = 0;
            try (Context context = new Context(); Socket push = context.socket(SocketType.PUSH);
                 Socket pull = context.socket(SocketType.PULL)) {
                pull.set(SocketOption.RCVTIMEO, 5000);
                push.connect(pull.bind("inproc://wrap-heap"));
                MemorySegment data = Arena.global().allocate(100);
                byte[] array = new byte[100];
                MemorySegment heap = MemorySegment.ofArray(new byte[100]);
                for (int i = 0; i < MESSAGES; i++) {
                    send(push, data, released);
                    received += pull.recv(array) == 100 ? 1 : 0;
                    send(push, data, released);
                    received += pull.recv(heap) == 100 ? 1 : 0;
                }
            }
            // The last release runs on zmq-ffm's release thread shortly after the context closed.
            for (int wait = 0; wait < 100 && released.get() < 2 * MESSAGES; wait++) {
                Thread.sleep(50);
            }
            System.out.println("received " + received + ", released " + released.get());
        }

        private static void send(Socket push, MemorySegment data, AtomicInteger released) {
            try (Msg msg = Msg.wrap(data, released::incrementAndGet)) {
                push.send(msg);
            }
        }
    }
}
