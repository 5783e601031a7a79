package io.github.zmqffm.internal;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * The few libc calls zmq-ffm makes itself (to check descriptors before libzmq gets them), with their platform
 * constants for Linux and macOS. Elsewhere {@link #SUPPORTED} is false and nothing here may be called. None of
 * these run per message.
 */
final class Posix {

    private static final String OS = Platform.current().os();
    private static final boolean DARWIN = OS.equals("osx");
    /** Whether this platform has the calls and constants below. */
    static final boolean SUPPORTED = OS.equals("linux") || DARWIN;

    static final int SOL_SOCKET = DARWIN ? 0xffff : 1;
    static final int SO_TYPE = DARWIN ? 0x1008 : 3;
    static final int SO_ACCEPTCONN = DARWIN ? 0x0002 : 30;
    static final int SOCK_STREAM = 1;
    static final int AF_INET = 2;
    /** Linux only: macOS has no SO_PRIORITY (libzmq ignores ZMQ_PRIORITY there). */
    static final int SO_PRIORITY = 12;
    static final int O_RDONLY = 0;
    static final int O_CLOEXEC = DARWIN ? 0x1000000 : 0x80000;
    /** Too many open files in the system (EMFILE, per process, is in {@link io.github.zmqffm.Errno}). */
    static final int ENFILE = 23;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final Linker.Option ERRNO = Linker.Option.captureCallState("errno");
    private static final StructLayout CAPTURE = Linker.Option.captureStateLayout();
    private static final VarHandle CAPTURED_ERRNO = CAPTURE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    /** {@code open} is variadic (the mode after the flags): declared so, as the calling convention needs. */
    private static final MethodHandle OPEN = link("open", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT),
            Linker.Option.firstVariadicArg(2));
    private static final MethodHandle CLOSE = link("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle SOCKET = link("socket", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle SETSOCKOPT =
            link("setsockopt", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle GETSOCKOPT =
            link("getsockopt", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));

    private Posix() {}

    /** {@code open(path, flags)}: the descriptor, or {@code -errno}. */
    static int open(String path, int flags) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = arena.allocate(CAPTURE);
            int fd = (int) OPEN.invokeExact(errno, arena.allocateFrom(path), flags);
            return fd >= 0 ? fd : -errno(errno);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** {@code close(fd)}, ignoring failure (only used on descriptors this class opened). */
    static void close(int fd) {
        try (Arena arena = Arena.ofConfined()) {
            int ignored = (int) CLOSE.invokeExact(arena.allocate(CAPTURE), fd);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** {@code socket(domain, type, 0)}: the descriptor, or {@code -errno}. */
    static int socket(int domain, int type) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = arena.allocate(CAPTURE);
            int fd = (int) SOCKET.invokeExact(errno, domain, type, 0);
            return fd >= 0 ? fd : -errno(errno);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** Sets an {@code int} socket option of {@code fd}: 0, or {@code -errno}. */
    static int setsockoptInt(int fd, int level, int name, int value) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = arena.allocate(CAPTURE);
            MemorySegment buffer = arena.allocate(JAVA_INT);
            buffer.set(JAVA_INT, 0, value);
            return (int) SETSOCKOPT.invokeExact(errno, fd, level, name, buffer, 4) == 0 ? 0 : -errno(errno);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** An {@code int} socket option of {@code fd}: its value (zero or more), or {@code -errno}. */
    static int getsockoptInt(int fd, int level, int name) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = arena.allocate(CAPTURE);
            MemorySegment value = arena.allocate(JAVA_INT);
            MemorySegment length = arena.allocate(JAVA_INT); // socklen_t: 32 bits on Linux and macOS
            length.set(JAVA_INT, 0, 4);
            if ((int) GETSOCKOPT.invokeExact(errno, fd, level, name, value, length) != 0) {
                return -errno(errno);
            }
            return value.get(JAVA_INT, 0);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    private static int errno(MemorySegment capture) {
        return (int) CAPTURED_ERRNO.get(capture, 0L);
    }

    private static MethodHandle link(String name, FunctionDescriptor descriptor, Linker.Option... more) {
        Linker.Option[] options = new Linker.Option[more.length + 1];
        options[0] = ERRNO;
        System.arraycopy(more, 0, options, 1, more.length);
        return LINKER.defaultLookup().find(name)
                .map(address -> LINKER.downcallHandle(address, descriptor, options))
                .orElse(null); // absent outside POSIX: SUPPORTED is false there
    }
}
