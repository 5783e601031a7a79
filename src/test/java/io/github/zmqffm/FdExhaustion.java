package io.github.zmqffm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.stream.Stream;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * Exhausts this process's file descriptors (Linux): lowers the soft RLIMIT_NOFILE to a little above the highest
 * open descriptor, then duplicates one descriptor until {@code dup} fails with EMFILE. {@link #release(int)}
 * gives some back; {@link #close()} gives all back and restores the limit.
 */
final class FdExhaustion implements AutoCloseable {

    private static final int RLIMIT_NOFILE = 7;
    private static final Linker LINKER = Linker.nativeLinker();
    private static final MethodHandle GETRLIMIT = libc("getrlimit", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS));
    private static final MethodHandle SETRLIMIT = libc("setrlimit", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS));
    private static final MethodHandle OPEN = LINKER.downcallHandle(LINKER.defaultLookup().findOrThrow("open"),
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT), Linker.Option.firstVariadicArg(2));
    private static final MethodHandle DUP = libc("dup", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle CLOSE = libc("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));

    private final long softLimit;
    private final long hardLimit;
    private final int source;
    private final Deque<Integer> held = new ArrayDeque<>();

    /** Lowers the limit to {@code headroom} descriptors above the highest open one and fills every free slot. */
    FdExhaustion(int headroom) {
        long[] limits = getLimit();
        softLimit = limits[0];
        hardLimit = limits[1];
        source = open("/dev/null");
        setLimit(highestOpenFd() + 1 + headroom, hardLimit);
        refill();
    }

    /** Takes every free descriptor again (after a release, or after libzmq gave some back). */
    void refill() {
        for (int taken = 0; taken < 100_000; taken++) {
            int fd = call(DUP, source);
            if (fd < 0) {
                return;
            }
            held.push(fd);
        }
        throw new IllegalStateException("dup never failed: the limit was not lowered");
    }

    /** Gives {@code count} descriptors back, so that exactly that many are free. */
    void release(int count) {
        for (int i = 0; i < count; i++) {
            closeFd(held.pop());
        }
    }

    @Override
    public void close() {
        while (!held.isEmpty()) {
            closeFd(held.pop());
        }
        closeFd(source);
        setLimit(softLimit, hardLimit);
    }

    /** The number of descriptors open in this process now. */
    static long openFds() {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count() - 1; // the one listing the directory
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What each open descriptor refers to ({@code anon_inode:[eventfd]}, {@code socket:[123]}, a path...). */
    static java.util.Map<Integer, String> openFdTargets() {
        java.util.Map<Integer, String> targets = new java.util.TreeMap<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    targets.put(Integer.parseInt(fd.getFileName().toString()), Files.readSymbolicLink(fd).toString());
                } catch (IOException e) {
                    // closed meanwhile (the one listing the directory)
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return targets;
    }

    private static int highestOpenFd() {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.mapToInt(p -> Integer.parseInt(p.getFileName().toString())).max().orElse(2);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long[] getLimit() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment limit = arena.allocate(JAVA_LONG, 2);
            if ((int) GETRLIMIT.invokeExact(RLIMIT_NOFILE, limit) != 0) {
                throw new IllegalStateException("getrlimit failed");
            }
            return new long[] {limit.getAtIndex(JAVA_LONG, 0), limit.getAtIndex(JAVA_LONG, 1)};
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    private static void setLimit(long soft, long hard) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment limit = arena.allocate(JAVA_LONG, 2);
            limit.setAtIndex(JAVA_LONG, 0, soft);
            limit.setAtIndex(JAVA_LONG, 1, hard);
            if ((int) SETRLIMIT.invokeExact(RLIMIT_NOFILE, limit) != 0) {
                throw new IllegalStateException("setrlimit(" + soft + ") failed");
            }
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    private static int open(String path) {
        try (Arena arena = Arena.ofConfined()) {
            int fd = (int) OPEN.invokeExact(arena.allocateFrom(path), 0);
            if (fd < 0) {
                throw new IllegalStateException("open(" + path + ") failed");
            }
            return fd;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    private static void closeFd(int fd) {
        if (call(CLOSE, fd) != 0) {
            throw new IllegalStateException("close(" + fd + ") failed");
        }
    }

    private static int call(MethodHandle handle, int fd) {
        try {
            return (int) handle.invokeExact(fd);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    private static MethodHandle libc(String name, FunctionDescriptor descriptor) {
        return LINKER.downcallHandle(LINKER.defaultLookup().findOrThrow(name), descriptor);
    }

    private static RuntimeException rethrow(Throwable t) {
        return t instanceof RuntimeException e ? e : new IllegalStateException(t);
    }
}
