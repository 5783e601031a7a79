package io.github.zmqffm;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.invoke.MethodHandle;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * The POSIX calls the wake-ups need ({@link WakeupPipe}, {@link Epoll}'s eventfd), linked by hand once: they are
 * not libzmq's, so not in the generated bindings. {@code read}, {@code write} and {@code pipe} capture errno
 * into a caller-owned segment first; {@code close} does not. POSIX only.
 */
final class Libc {

    /** {@code ssize_t read(int, void *, size_t)}, errno captured. */
    static final MethodHandle READ = link("read", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG), true);
    /** {@code ssize_t write(int, const void *, size_t)}, errno captured. */
    static final MethodHandle WRITE = link("write", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG), true);
    /** {@code int pipe(int[2])}, errno captured. */
    static final MethodHandle PIPE = link("pipe", FunctionDescriptor.of(JAVA_INT, ADDRESS), true);
    private static final MethodHandle CLOSE = link("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT), false);

    private Libc() {}

    /** {@code close(fd)}, for descriptors zmq-ffm opened itself. */
    static void close(int fd) {
        try {
            int rc = (int) CLOSE.invokeExact(fd);
            assert rc == 0 : "close(" + fd + ")";
        } catch (Throwable t) {
            throw LibZmq.unexpected(t);
        }
    }

    /** A libc function, with errno captured if {@code errno}. */
    static MethodHandle link(String name, FunctionDescriptor descriptor, boolean errno) {
        Linker linker = Linker.nativeLinker();
        return linker.downcallHandle(linker.defaultLookup().findOrThrow(name), descriptor,
                errno ? new Linker.Option[] {LibZmq.ERRNO} : new Linker.Option[0]);
    }
}
