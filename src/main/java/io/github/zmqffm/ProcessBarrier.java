package io.github.zmqffm;

import io.github.zmqffm.internal.Platform;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * A full memory barrier on every running thread of the process at once (an "asymmetric fence"): Linux's
 * {@code membarrier(MEMBARRIER_CMD_PRIVATE_EXPEDITED)}, Windows' {@code FlushProcessWriteBuffers}. With it,
 * {@link CallGuard}'s per-call fast path needs no fence instruction of its own; the rare side that closes or hands
 * over a socket pays the barrier (about a microsecond) instead. Where neither exists, {@link #AVAILABLE} is false
 * and the fast path fences itself.
 */
final class ProcessBarrier {

    private static final int MEMBARRIER_CMD_PRIVATE_EXPEDITED = 1 << 3;
    private static final int MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED = 1 << 4;

    private static final Platform PLATFORM = Platform.current();
    private static final boolean WINDOWS = PLATFORM.os().equals("windows");
    private static final MethodHandle BARRIER = link();
    /** Whether {@link #run()} is a real process-wide barrier. */
    static final boolean AVAILABLE = BARRIER != null;

    private ProcessBarrier() {}

    /** Makes every store any thread did before now visible to all, and orders every thread's later loads after it. */
    static void run() {
        if (BARRIER == null) {
            throw new IllegalStateException("no process-wide barrier on this platform");
        }
        try {
            if (WINDOWS) {
                BARRIER.invokeExact();
            } else if ((long) BARRIER.invokeExact(membarrierNumber(), MEMBARRIER_CMD_PRIVATE_EXPEDITED, 0) != 0) {
                throw new IllegalStateException("membarrier failed after a successful registration");
            }
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    private static MethodHandle link() {
        Linker linker = Linker.nativeLinker();
        try {
            if (WINDOWS) {
                return SymbolLookup.libraryLookup("kernel32", Arena.global()).find("FlushProcessWriteBuffers")
                        .map(address -> linker.downcallHandle(address, FunctionDescriptor.ofVoid()))
                        .orElse(null);
            }
            if (!PLATFORM.os().equals("linux") || membarrierNumber() < 0) {
                return null;
            }
            MethodHandle syscall = linker.downcallHandle(linker.defaultLookup().findOrThrow("syscall"),
                    FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT,
                            ValueLayout.JAVA_INT),
                    Linker.Option.firstVariadicArg(1));
            long registered = (long) syscall.invokeExact(membarrierNumber(), MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED, 0);
            return registered == 0 ? syscall : null; // ENOSYS (old kernel), EPERM (seccomp): fence per call instead
        } catch (Throwable t) {
            return null;
        }
    }

    /** {@code __NR_membarrier}, or -1 where this table does not know it. */
    private static long membarrierNumber() {
        return switch (PLATFORM.arch()) {
            case "x86_64" -> 324;
            case "aarch_64" -> 283;
            default -> -1;
        };
    }
}
