package io.github.zmqffm;

import java.lang.management.ManagementFactory;

/**
 * Bytes the current thread allocates per operation in a loop, after warm-up (a count, not a timing): the loop
 * runs until the JIT's optimizing compiler has finished with it (two allocation-free rounds in a row, at most
 * 40 rounds), then once more measured.
 */
final class AllocationMeter {

    private static final int MAX_WARM_UP_ROUNDS = 40;

    private AllocationMeter() {}

    /** Runs {@code loop} (which does {@code operations} operations) until warm, then returns bytes per operation. */
    static double bytesPerOperation(Runnable loop, int operations) {
        int clean = 0;
        for (int round = 0; round < MAX_WARM_UP_ROUNDS && clean < 2; round++) {
            clean = allocatedBy(loop) < operations ? clean + 1 : 0;
        }
        return (double) allocatedBy(loop) / operations;
    }

    private static long allocatedBy(Runnable loop) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().threadId();
        long before = threads.getThreadAllocatedBytes(thread);
        loop.run();
        return threads.getThreadAllocatedBytes(thread) - before;
    }
}
