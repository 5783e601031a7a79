package io.github.zmqffm.internal;

import io.github.zmqffm.Errno;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * Tries the scheduling that libzmq 4.3.4 gives its I/O and reaper threads (ZMQ_THREAD_SCHED_POLICY,
 * ZMQ_THREAD_PRIORITY, ZMQ_THREAD_AFFINITY_CPU_ADD) on a throwaway thread, step by step as its
 * {@code thread_t::applySchedulingParameters} does: libzmq asserts on every one of those calls, so a policy or
 * priority the kernel refuses aborts the process when the context starts. Linux only (glibc's pthread calls).
 */
public final class ThreadScheduling {

    /** libzmq's "not set" for the policy and the priority. */
    public static final int DEFAULT = -1;
    private static final boolean LINUX = Platform.current().os().equals("linux");
    private static final int SCHED_FIFO = 1;
    private static final int SCHED_RR = 2;
    private static final int CPU_SETSIZE = 1024;
    private static final Linker LINKER = Linker.nativeLinker();
    private static final MethodHandle PTHREAD_SELF = link("pthread_self", FunctionDescriptor.of(JAVA_LONG));
    private static final MethodHandle GETSCHEDPARAM =
            link("pthread_getschedparam", FunctionDescriptor.of(JAVA_INT, JAVA_LONG, ADDRESS, ADDRESS));
    private static final MethodHandle SETSCHEDPARAM =
            link("pthread_setschedparam", FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_INT, ADDRESS));
    private static final MethodHandle SETAFFINITY =
            link("pthread_setaffinity_np", FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_LONG, ADDRESS));
    private static final MethodHandle NICE = link("nice", FunctionDescriptor.of(JAVA_INT, JAVA_INT));

    private ThreadScheduling() {}

    /** Whether this platform's thread scheduling can be tried (Linux). */
    public static boolean checkable() {
        return LINUX;
    }

    /**
     * What the kernel refuses of this scheduling, as "call: ERRNO", or null if a thread can be given all of it.
     * Runs on a new platform thread, which ends with whatever scheduling it got.
     */
    public static String refusal(int policy, int priority, Set<Integer> cpus) {
        AtomicReference<String> refused = new AtomicReference<>();
        Thread trial = Thread.ofPlatform().name("zmqffm-scheduling-check").daemon().unstarted(
                () -> refused.set(apply(policy, priority, cpus)));
        trial.start();
        try {
            trial.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while checking the I/O threads' scheduling", e);
        }
        return refused.get();
    }

    private static String apply(int wantedPolicy, int priority, Set<Integer> cpus) {
        try (Arena arena = Arena.ofConfined()) {
            long self = (long) PTHREAD_SELF.invokeExact();
            MemorySegment policyOut = arena.allocate(JAVA_INT);
            MemorySegment param = arena.allocate(JAVA_INT); // struct sched_param { int sched_priority; }
            int rc = (int) GETSCHEDPARAM.invokeExact(self, policyOut, param);
            if (rc != 0) {
                return "pthread_getschedparam: " + Errno.of(rc).name();
            }
            int policy = wantedPolicy != DEFAULT ? wantedPolicy : policyOut.get(JAVA_INT, 0);
            boolean niceInstead = policy != SCHED_FIFO && policy != SCHED_RR;
            if (priority != DEFAULT) {
                param.set(JAVA_INT, 0, niceInstead ? 0 : priority);
            }
            rc = (int) SETSCHEDPARAM.invokeExact(self, policy, param);
            if (rc != 0) {
                return "pthread_setschedparam(policy " + policy + ", priority " + param.get(JAVA_INT, 0) + "): "
                        + Errno.of(rc).name();
            }
            if (niceInstead && priority != DEFAULT && (int) NICE.invokeExact(-20) == -1) {
                return "nice(-20) (libzmq's way to raise a non-real-time priority): refused, e.g. EPERM without"
                        + " CAP_SYS_NICE";
            }
            if (!cpus.isEmpty()) {
                MemorySegment mask = arena.allocate(CPU_SETSIZE / 8); // cpu_set_t; CPU_SET ignores larger numbers
                for (int cpu : cpus) {
                    if (cpu < CPU_SETSIZE) {
                        mask.set(JAVA_BYTE, cpu / 8, (byte) (mask.get(JAVA_BYTE, cpu / 8) | (1 << (cpu % 8))));
                    }
                }
                rc = (int) SETAFFINITY.invokeExact(self, mask.byteSize(), mask);
                if (rc != 0) {
                    return "pthread_setaffinity_np(CPUs " + cpus + "): " + Errno.of(rc).name();
                }
            }
            return null;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    private static MethodHandle link(String name, FunctionDescriptor descriptor) {
        return LINKER.defaultLookup().find(name).map(address -> LINKER.downcallHandle(address, descriptor))
                .orElse(null); // absent outside glibc: checkable() is false there
    }
}
