package io.github.zmqffm;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;

/**
 * Child-JVM entry point for {@link AllocationTest#theCriticalFastPathAllocatesNothing}: the byte[], segment and
 * Msg loops with the fast path on (inproc, and native segments over tcp in batches), each measured
 * {@code args[0]} times after warm-up; exits 1 if any round allocated a byte per message or more.
 */
public final class AllocationProbe {

    private AllocationProbe() {}

    public static void main(String[] args) {
        int repeats = Integer.parseInt(args[0]);
        boolean clean = true;
        try (Context context = new Context(); Socket pull = context.socket(SocketType.PULL);
             Socket push = context.socket(SocketType.PUSH); Arena arena = Arena.ofConfined();
             Msg out = new Msg(); Msg in = new Msg()) {
            push.connect(pull.bind("inproc://allocation-probe"));
            byte[] outArray = new byte[AllocationTest.SIZE];
            byte[] inArray = new byte[AllocationTest.SIZE];
            MemorySegment outSegment = arena.allocate(AllocationTest.SIZE);
            MemorySegment inSegment = arena.allocate(AllocationTest.SIZE);
            clean &= report("byte[]", repeats, () -> AllocationTest.byteArrays(push, pull, outArray, inArray));
            byte[] outWider = new byte[AllocationTest.SIZE + 3];
            byte[] inWider = new byte[AllocationTest.SIZE + 5];
            clean &= report("byte[] at an offset", repeats,
                    () -> AllocationTest.byteArraysAtAnOffset(push, pull, outWider, inWider));
            clean &= report("MemorySegment", repeats, () -> AllocationTest.segments(push, pull, outSegment, inSegment));
            ByteBuffer directOut = ByteBuffer.allocateDirect(AllocationTest.SIZE);
            ByteBuffer directIn = ByteBuffer.allocateDirect(AllocationTest.SIZE);
            clean &= report("direct ByteBuffer", repeats, () -> AllocationTest.buffers(push, pull, directOut, directIn));
            ByteBuffer heapOut = ByteBuffer.allocate(AllocationTest.SIZE);
            ByteBuffer heapIn = ByteBuffer.allocate(AllocationTest.SIZE);
            clean &= report("heap ByteBuffer", repeats, () -> AllocationTest.buffers(push, pull, heapOut, heapIn));
            clean &= report("Msg", repeats, () -> AllocationTest.messages(push, pull, out, in, outSegment, inSegment));
        }
        // Over tcp, where some receives wait: the blocking path of native segments is taken too.
        try (Context context = new Context(); Socket pull = context.socket(SocketType.PULL);
             Socket push = context.socket(SocketType.PUSH); Arena arena = Arena.ofConfined()) {
            push.connect(pull.bind("tcp://127.0.0.1:*"));
            MemorySegment outSegment = arena.allocate(1024);
            MemorySegment inSegment = arena.allocate(1024);
            clean &= report("MemorySegment 1 KiB over tcp", repeats,
                    () -> AllocationTest.segmentsInBatches(push, pull, outSegment, inSegment));
        }
        System.exit(clean ? 0 : 1);
    }

    private static boolean report(String path, int repeats, Runnable loop) {
        boolean clean = true;
        for (int repeat = 1; repeat <= repeats; repeat++) {
            double perMessage = AllocationMeter.bytesPerOperation(loop, AllocationTest.MESSAGES);
            System.out.printf("allocation (fresh JVM): %s path %.3f B/message, critical calls %s, round %d of %d%n",
                    path, perMessage, CriticalCalls.allowed() ? "on" : "off", repeat, repeats);
            clean &= perMessage < 1.0;
        }
        return clean;
    }
}
