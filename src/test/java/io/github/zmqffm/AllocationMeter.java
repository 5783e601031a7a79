package io.github.zmqffm;

import java.lang.management.ManagementFactory;

/**
 * Bytes the current thread allocates per operation in a loop, after warm-up (a count, not a timing): the loop
 * runs until the JIT's optimizing compiler has finished with it (two allocation-free rounds in a row, at most
 * 40 rounds), then is measured three more times, and the least is the answer. A cost per operation shows in
 * every round; a deoptimization that a loaded machine's slow compile queue leaves interpreted for a while (seen
 * once: 40 B per round in one full-suite run, 0 B alone) shows in one.
 */
final class AllocationMeter {

    private static final int MAX_WARM_UP_ROUNDS = 40;
    private static final int MEASURED_ROUNDS = 3;

    private AllocationMeter() {}

    /** Runs {@code loop} (which does {@code operations} operations) until warm, then returns bytes per operation. */
    static double bytesPerOperation(Runnable loop, int operations) {
        int clean = 0;
        for (int round = 0; round < MAX_WARM_UP_ROUNDS && clean < 2; round++) {
            clean = allocatedBy(loop) < operations ? clean + 1 : 0;
        }
        long least = Long.MAX_VALUE;
        for (int round = 0; round < MEASURED_ROUNDS; round++) {
            least = Math.min(least, allocatedBy(loop));
        }
        return (double) least / operations;
    }

    private static long allocatedBy(Runnable loop) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().threadId();
        long before = threads.getThreadAllocatedBytes(thread);
        loop.run();
        return threads.getThreadAllocatedBytes(thread) - before;
    }
}
