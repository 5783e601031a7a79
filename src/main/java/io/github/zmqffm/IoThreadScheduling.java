package io.github.zmqffm;

import io.github.zmqffm.internal.ThreadScheduling;

import java.util.Set;
import java.util.TreeSet;

/**
 * A context's THREAD_SCHED_POLICY, THREAD_PRIORITY and THREAD_AFFINITY_CPU_ADD/REMOVE, as set (libzmq cannot
 * read the last two back), tried on a throwaway thread before the first socket starts libzmq's threads: libzmq
 * asserts that the kernel accepts them there, so a refused policy, priority or CPU aborts the process (seen by the
 * fuzzer: {@code thread.cpp:345} for SCHED_RR without a priority). Once that check has passed, these options are
 * refused: libzmq applies them only when its threads start, and a change between check and start could abort.
 */
final class IoThreadScheduling {

    private static final Set<ContextOption> OPTIONS = Set.of(ContextOption.THREAD_SCHED_POLICY,
            ContextOption.THREAD_PRIORITY, ContextOption.THREAD_AFFINITY_CPU_ADD, ContextOption.THREAD_AFFINITY_CPU_REMOVE);

    private int policy = ThreadScheduling.DEFAULT;
    private int priority = ThreadScheduling.DEFAULT;
    private final Set<Integer> cpus = new TreeSet<>();
    private boolean checked;

    /** Whether {@code option} is one of the scheduling options. */
    static boolean concerns(ContextOption option) {
        return OPTIONS.contains(option);
    }

    /** Sets a scheduling option with {@code apply} (zmq_ctx_set, which throws if libzmq refuses) and records it. */
    synchronized void set(ContextOption option, int value, Runnable apply) {
        if (checked) {
            throw new IllegalStateException("ContextOption." + option + " must be set before the context's first"
                    + " socket: libzmq gives its threads their scheduling only when they start");
        }
        apply.run();
        switch (option) {
            case THREAD_SCHED_POLICY -> policy = value;
            case THREAD_PRIORITY -> priority = value;
            case THREAD_AFFINITY_CPU_ADD -> cpus.add(value);
            case THREAD_AFFINITY_CPU_REMOVE -> cpus.remove(value);
            default -> throw new IllegalArgumentException(option + " is not a scheduling option");
        }
    }

    /** Before the first socket: throws IllegalStateException if the kernel would refuse what libzmq will apply. */
    synchronized void checkBeforeThreadsStart() {
        if (checked) {
            return;
        }
        if (policy != ThreadScheduling.DEFAULT || priority != ThreadScheduling.DEFAULT || !cpus.isEmpty()) {
            if (!ThreadScheduling.checkable()) {
                throw new UnsupportedOperationException("the I/O threads' scheduling (" + this + ") is checked only"
                        + " on Linux, and libzmq aborts when the kernel refuses it");
            }
            String refusal = ThreadScheduling.refusal(policy, priority, cpus);
            if (refusal != null) {
                throw new IllegalStateException("the kernel refuses the I/O threads' scheduling (" + this + "): "
                        + refusal + "; libzmq would abort starting them. Change these context options first");
            }
        }
        checked = true;
    }

    @Override
    public synchronized String toString() {
        return "THREAD_SCHED_POLICY " + policy + ", THREAD_PRIORITY " + priority + ", CPUs " + cpus;
    }
}
