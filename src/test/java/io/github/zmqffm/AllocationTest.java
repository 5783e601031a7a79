package io.github.zmqffm;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The steady-state send+recv paths allocate nothing per message: measured with the thread's allocation
 * counter (not a timing) over 100,000 round trips after warm-up, allowing under 1 byte per message.
 * Each path has its own loop method so that the JIT compiles it as a user's loop would be compiled.
 */
class AllocationTest {

    static final int MESSAGES = 100_000;
    private static final int MAX_WARM_UP_ROUNDS = 40;
    static final int SIZE = 64;
    static final int BATCH = 100;
    /** Measured rounds after warm-up, each asserted: 1 in CI, {@code -Dzmqffm.allocation.repeats=20} to prove it. */
    private static final int REPEATS = Integer.getInteger("zmqffm.allocation.repeats", 1);

    @RegisterExtension
    final TestContext zmq = new TestContext();

    @Test
    void byteArrayIntoCallerBuffer() {
        byte[] out = new byte[SIZE];
        byte[] in = new byte[SIZE];
        measure("byte[]", (push, pull) -> byteArrays(push, pull, out, in));
    }

    @Test
    void byteArraysAtAnOffset() {
        byte[] out = new byte[SIZE + 3];
        byte[] in = new byte[SIZE + 5];
        measure("byte[] at an offset", (push, pull) -> byteArraysAtAnOffset(push, pull, out, in));
    }

    @Test
    void memorySegment() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(SIZE);
            MemorySegment in = arena.allocate(SIZE);
            measure("MemorySegment", (push, pull) -> segments(push, pull, out, in));
        }
    }

    @Test
    void directAndHeapByteBuffers() {
        ByteBuffer directOut = ByteBuffer.allocateDirect(SIZE);
        ByteBuffer directIn = ByteBuffer.allocateDirect(SIZE);
        measure("direct ByteBuffer", (push, pull) -> buffers(push, pull, directOut, directIn));
        ByteBuffer heapOut = ByteBuffer.allocate(SIZE);
        ByteBuffer heapIn = ByteBuffer.allocate(SIZE);
        measure("heap ByteBuffer", (push, pull) -> buffers(push, pull, heapOut, heapIn));
    }

    @Test
    void zeroCopyMsg() {
        try (Arena arena = Arena.ofConfined(); Msg out = new Msg(); Msg in = new Msg()) {
            MemorySegment content = arena.allocate(SIZE);
            MemorySegment received = arena.allocate(SIZE);
            measure("Msg", (push, pull) -> messages(push, pull, out, in, content, received));
        }
    }

    /**
     * The same loops in a fresh JVM, where no Msg.wrap has turned the critical fast path off (in this JVM another
     * test may have): both configurations are measured.
     */
    @Test
    void theCriticalFastPathAllocatesNothing() throws Exception {
        ChildJvm.Result result = ChildJvm.finish(ChildJvm.start(List.of(), AllocationProbe.class,
                String.valueOf(Math.max(3, REPEATS))), java.time.Duration.ofMinutes(5));
        assertEquals(0, result.exitCode(), result.stdout() + result.stderr());
        System.out.print(result.stdout());
        assertTrue(result.stdout().contains("critical calls on"), result.stdout());
    }

    /** Not free, and not meant to be: each content's first data() makes a confined arena and a view. */
    @Test
    void msgViewsCostABoundedAmountPerContent() {
        try (Msg out = new Msg(); Msg in = new Msg()) {
            double perMessage = measure("Msg.data() views", (push, pull) -> viewedMessages(push, pull, out, in), 400);
            assertTrue(perMessage > 1.0, "views are expected to allocate: " + perMessage + " B per message");
        }
    }

    static void byteArrays(Socket push, Socket pull, byte[] out, byte[] in) {
        for (int i = 0; i < MESSAGES; i++) {
            out[0] = (byte) i;
            push.send(out);
            if (pull.recv(in) != SIZE || in[0] != (byte) i) {
                throw new AssertionError("message " + i);
            }
        }
    }

    /** Sends from offset 3 of {@code out} and receives at offset 5 of {@code in}, {@code SIZE} bytes each. */
    static void byteArraysAtAnOffset(Socket push, Socket pull, byte[] out, byte[] in) {
        for (int i = 0; i < MESSAGES; i++) {
            out[3] = (byte) i;
            push.send(out, 3, SIZE, SendFlag.NONE);
            if (pull.recv(in, 5, SIZE, RecvFlag.NONE) != SIZE || in[5] != (byte) i) {
                throw new AssertionError("message " + i);
            }
        }
    }

    static void segments(Socket push, Socket pull, MemorySegment out, MemorySegment in) {
        for (int i = 0; i < MESSAGES; i++) {
            out.set(ValueLayout.JAVA_BYTE, 0, (byte) i);
            push.send(out);
            if (pull.recv(in) != SIZE || in.get(ValueLayout.JAVA_BYTE, 0) != (byte) i) {
                throw new AssertionError("message " + i);
            }
        }
    }

    /**
     * Sends {@code BATCH} messages, then receives them, {@code MESSAGES / BATCH} times, as the in-thread benchmark
     * does: over tcp some receives find the next message not there yet and take the blocking path, the rest do not.
     */
    static void segmentsInBatches(Socket push, Socket pull, MemorySegment out, MemorySegment in) {
        long size = out.byteSize();
        for (int batch = 0; batch < MESSAGES / BATCH; batch++) {
            for (int i = 0; i < BATCH; i++) {
                out.set(ValueLayout.JAVA_BYTE, 0, (byte) i);
                push.send(out);
            }
            for (int i = 0; i < BATCH; i++) {
                if (pull.recv(in) != size || in.get(ValueLayout.JAVA_BYTE, 0) != (byte) i) {
                    throw new AssertionError("message " + i + " of batch " + batch);
                }
            }
        }
    }

    static void buffers(Socket push, Socket pull, ByteBuffer out, ByteBuffer in) {
        for (int i = 0; i < MESSAGES; i++) {
            out.clear().put(0, (byte) i);
            push.send(out);
            if (pull.recv(in.clear()) != SIZE || in.get(0) != (byte) i) {
                throw new AssertionError("message " + i);
            }
        }
    }

    static void messages(Socket push, Socket pull, Msg out, Msg in, MemorySegment content,
                                 MemorySegment received) {
        for (int i = 0; i < MESSAGES; i++) {
            content.set(ValueLayout.JAVA_BYTE, 0, (byte) i);
            out.reset(SIZE);
            out.copyFrom(content);
            push.send(out);
            if (pull.recv(in) != SIZE || in.copyTo(received) != SIZE || received.get(ValueLayout.JAVA_BYTE, 0) != (byte) i) {
                throw new AssertionError("message " + i);
            }
        }
    }

    private static void viewedMessages(Socket push, Socket pull, Msg out, Msg in) {
        for (int i = 0; i < MESSAGES; i++) {
            out.reset(SIZE);
            out.data().set(ValueLayout.JAVA_BYTE, 0, (byte) i);
            push.send(out);
            if (pull.recv(in) != SIZE || in.data().get(ValueLayout.JAVA_BYTE, 0) != (byte) i) {
                throw new AssertionError("message " + i);
            }
        }
    }

    private static long allocatedBy(java.util.function.BiConsumer<Socket, Socket> loop, Socket push, Socket pull) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().threadId();
        long before = threads.getThreadAllocatedBytes(thread);
        loop.accept(push, pull);
        return threads.getThreadAllocatedBytes(thread) - before;
    }

    private void measure(String path, java.util.function.BiConsumer<Socket, Socket> loop) {
        measure(path, loop, 1.0);
    }

    /** Measures the steady state and asserts it stays under {@code maxPerMessage} bytes; returns it. */
    private double measure(String path, java.util.function.BiConsumer<Socket, Socket> loop, double maxPerMessage) {
        try (Socket pull = zmq.socket(SocketType.PULL); Socket push = zmq.socket(SocketType.PUSH)) {
            push.connect(pull.bind(TestContext.inproc()));
            // Warm-up until the JIT's optimizing compiler has finished with the loop: on 2 busy cores that can
            // take a while, so stop after two allocation-free rounds in a row or MAX_WARM_UP_ROUNDS.
            int clean = 0;
            for (int round = 0; round < MAX_WARM_UP_ROUNDS && clean < 2; round++) {
                clean = allocatedBy(loop, push, pull) < MESSAGES * maxPerMessage ? clean + 1 : 0;
            }
            double perMessage = 0;
            for (int repeat = 1; repeat <= REPEATS; repeat++) {
                long allocated = allocatedBy(loop, push, pull);
                perMessage = (double) allocated / MESSAGES;
                System.out.printf("allocation: %s path %.3f B/message (%d B over %d round trips, critical calls %s,"
                        + " round %d of %d)%n", path, perMessage, allocated, MESSAGES,
                        CriticalCalls.allowed() ? "on" : "off", repeat, REPEATS);
                assertTrue(perMessage < maxPerMessage, path + " allocated " + perMessage + " B per message");
            }
            assertEquals(-1, pull.recv(new byte[1], RecvFlag.DONTWAIT), "no message left over");
            return perMessage;
        }
    }
}
