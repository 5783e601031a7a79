package io.github.zmqffm;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.Locale;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * Linux's epoll and eventfd, linked by hand (they are not libzmq's, so not in the generated bindings), for the
 * context's {@link ReadinessPoller}. Every call that can fail captures errno into a caller-owned segment.
 * {@link #AVAILABLE} is false off Linux; nothing else here may be used then.
 */
final class Epoll {

    /** Whether this is Linux, where epoll exists. */
    static final boolean AVAILABLE = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux");

    static final int EPOLLIN = 0x001;
    static final int EPOLLPRI = 0x002;
    static final int EPOLLOUT = 0x004;
    static final int EPOLLERR = 0x008;
    static final int EPOLLHUP = 0x010;
    /** Report once, then stay disabled until re-armed with {@link #MOD}. */
    static final int EPOLLONESHOT = 1 << 30;
    static final int ADD = 1;
    static final int DEL = 2;
    static final int MOD = 3;
    static final int ENOENT = 2;
    static final int EEXIST = 17;
    private static final int CLOEXEC = 0x80000; // EPOLL_CLOEXEC = EFD_CLOEXEC = O_CLOEXEC
    private static final int EFD_NONBLOCK = 0x800;

    /**
     * {@code struct epoll_event}: a 32-bit event mask and 64-bit user data; packed (12 bytes, data at 4) on x86_64,
     * naturally aligned (16 bytes, data at 8) elsewhere.
     */
    static final boolean PACKED = System.getProperty("os.arch", "").equals("amd64")
            || System.getProperty("os.arch", "").equals("x86_64");
    static final long EVENT_SIZE = PACKED ? 12 : 16;
    private static final long DATA = PACKED ? 4 : 8;
    private static final ValueLayout.OfLong JAVA_LONG_UNALIGNED = JAVA_LONG.withByteAlignment(1);

    private static final MethodHandle CREATE = AVAILABLE
            ? Libc.link("epoll_create1", FunctionDescriptor.of(JAVA_INT, JAVA_INT), true) : null;
    private static final MethodHandle CTL = AVAILABLE
            ? Libc.link("epoll_ctl", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS), true) : null;
    private static final MethodHandle WAIT = AVAILABLE
            ? Libc.link("epoll_wait", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT), true) : null;
    private static final MethodHandle EVENTFD = AVAILABLE
            ? Libc.link("eventfd", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT), true) : null;

    private Epoll() {}

    /** {@code epoll_create1(EPOLL_CLOEXEC)}: a new epoll descriptor, or -1 (errno captured). */
    static int create(MemorySegment errno) {
        try {
            return (int) CREATE.invokeExact(errno, CLOEXEC);
        } catch (Throwable t) {
            throw LibZmq.unexpected(t);
        }
    }

    /** A non-blocking eventfd with counter 0, or -1 (errno captured). */
    static int eventFd(MemorySegment errno) {
        try {
            return (int) EVENTFD.invokeExact(errno, 0, CLOEXEC | EFD_NONBLOCK);
        } catch (Throwable t) {
            throw LibZmq.unexpected(t);
        }
    }

    /**
     * {@code epoll_ctl(epfd, op, fd, &{events, data})}, with {@code event} (at least {@link #EVENT_SIZE} bytes) as
     * scratch; 0 or -1 (errno captured).
     */
    static int ctl(MemorySegment errno, int epfd, int op, int fd, int events, long data, MemorySegment event) {
        event.set(JAVA_INT, 0, events);
        event.set(JAVA_LONG_UNALIGNED, DATA, data);
        try {
            return (int) CTL.invokeExact(errno, epfd, op, fd, event);
        } catch (Throwable t) {
            throw LibZmq.unexpected(t);
        }
    }

    /** {@code epoll_wait}; the number of events written to {@code events}, or -1 (errno captured). */
    static int await(MemorySegment errno, int epfd, MemorySegment events, int max, int timeoutMillis) {
        try {
            return (int) WAIT.invokeExact(errno, epfd, events, max, timeoutMillis);
        } catch (Throwable t) {
            throw LibZmq.unexpected(t);
        }
    }

    /** The user data of event {@code i} that {@link #await} wrote. */
    static long data(MemorySegment events, int i) {
        return events.get(JAVA_LONG_UNALIGNED, i * EVENT_SIZE + DATA);
    }

    /** Adds one to an eventfd's counter (8 bytes from {@code buffer}); false if that failed. */
    static boolean signal(MemorySegment errno, int fd, MemorySegment buffer) {
        buffer.set(JAVA_LONG_UNALIGNED, 0, 1L);
        try {
            return (long) Libc.WRITE.invokeExact(errno, fd, buffer, 8L) == 8;
        } catch (Throwable t) {
            throw LibZmq.unexpected(t);
        }
    }

    /** Resets an eventfd's counter to zero (8 bytes into {@code buffer}); does nothing if it was zero. */
    static void drain(MemorySegment errno, int fd, MemorySegment buffer) {
        try {
            long n = (long) Libc.READ.invokeExact(errno, fd, buffer, 8L);
            assert n == 8 || n == -1;
        } catch (Throwable t) {
            throw LibZmq.unexpected(t);
        }
    }

    /** {@code close(fd)}. */
    static void close(int fd) {
        Libc.close(fd);
    }
}
