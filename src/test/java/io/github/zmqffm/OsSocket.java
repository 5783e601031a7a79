package io.github.zmqffm;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.nio.ByteOrder;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

/** Raw Linux sockets (and files) made through libc, to hand ZMQ_USE_FD descriptors the test controls. */
final class OsSocket {

    static final int SOCK_STREAM = 1;
    static final int SOCK_DGRAM = 2;
    private static final int AF_INET = 2;
    private static final Linker LINKER = Linker.nativeLinker();
    private static final MethodHandle SOCKET = libc("socket", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle BIND = libc("bind", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle LISTEN = libc("listen", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle GETSOCKNAME =
            libc("getsockname", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
    private static final MethodHandle CLOSE = libc("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle OPEN = libc("open", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle DUP2 = libc("dup2", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));

    private OsSocket() {}

    /** An IPv4 socket of {@code type} bound to 127.0.0.1 on a free port, listening if {@code listen}. */
    static int loopback(int type, boolean listen) {
        try (Arena arena = Arena.ofConfined()) {
            int fd = (int) SOCKET.invokeExact(AF_INET, type, 0);
            MemorySegment address = arena.allocate(16, 8);
            address.set(JAVA_SHORT, 0, (short) AF_INET);
            address.set(JAVA_BYTE, 4, (byte) 127); // sin_addr 127.0.0.1, network order; sin_port 0: any
            address.set(JAVA_BYTE, 7, (byte) 1);
            if (fd < 0 || (int) BIND.invokeExact(fd, address, 16) != 0
                    || (listen && (int) LISTEN.invokeExact(fd, 16) != 0)) {
                throw new IllegalStateException("socket/bind/listen failed");
            }
            return fd;
        } catch (Throwable t) {
            throw t instanceof RuntimeException e ? e : new IllegalStateException(t);
        }
    }

    /** The port a socket from {@link #loopback} is bound to. */
    static int port(int fd) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment address = arena.allocate(16, 8);
            MemorySegment length = arena.allocate(JAVA_INT);
            length.set(JAVA_INT, 0, 16);
            if ((int) GETSOCKNAME.invokeExact(fd, address, length) != 0) {
                throw new IllegalStateException("getsockname failed");
            }
            return Short.toUnsignedInt(address.get(JAVA_SHORT.withOrder(ByteOrder.BIG_ENDIAN), 2));
        } catch (Throwable t) {
            throw t instanceof RuntimeException e ? e : new IllegalStateException(t);
        }
    }

    /** Closes a descriptor this class made. */
    static void close(int fd) {
        try {
            int ignored = (int) CLOSE.invokeExact(fd);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** A new read-only descriptor of the file at {@code path}. */
    static int openReadOnly(String path) {
        try (Arena arena = Arena.ofConfined()) {
            int fd = (int) OPEN.invokeExact(arena.allocateFrom(path), 0); // O_RDONLY
            if (fd < 0) {
                throw new IllegalStateException("open failed: " + path);
            }
            return fd;
        } catch (Throwable t) {
            throw t instanceof RuntimeException e ? e : new IllegalStateException(t);
        }
    }

    /** Makes descriptor number {@code target} refer to what {@code source} refers to (closing it first). */
    static void dup2(int source, int target) {
        try {
            if ((int) DUP2.invokeExact(source, target) != target) {
                throw new IllegalStateException("dup2 failed");
            }
        } catch (Throwable t) {
            throw t instanceof RuntimeException e ? e : new IllegalStateException(t);
        }
    }

    private static MethodHandle libc(String name, FunctionDescriptor descriptor) {
        return LINKER.downcallHandle(LINKER.defaultLookup().findOrThrow(name), descriptor);
    }
}
