package io.github.zmqffm;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/** A POSIX pipe made through libc, to give pollers a raw file descriptor that the test controls. */
final class OsPipe implements AutoCloseable {

    private static final Linker LINKER = Linker.nativeLinker();
    private static final MethodHandle PIPE = libc("pipe", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    private static final MethodHandle WRITE =
            libc("write", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));
    private static final MethodHandle CLOSE = libc("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));

    final int readFd;
    final int writeFd;
    private boolean readClosed;
    private boolean writeClosed;

    OsPipe() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment fds = arena.allocate(JAVA_INT, 2);
            if ((int) PIPE.invokeExact(fds) != 0) {
                throw new IllegalStateException("pipe() failed");
            }
            readFd = fds.getAtIndex(JAVA_INT, 0);
            writeFd = fds.getAtIndex(JAVA_INT, 1);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    private static MethodHandle libc(String name, FunctionDescriptor descriptor) {
        return LINKER.downcallHandle(LINKER.defaultLookup().findOrThrow(name), descriptor);
    }

    /** Writes one byte into the pipe. */
    void writeByte() {
        try (Arena arena = Arena.ofConfined()) {
            if ((long) WRITE.invokeExact(writeFd, arena.allocate(1), 1L) != 1) {
                throw new IllegalStateException("write() failed");
            }
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    /** Closes the write end: the read end then reports hang-up. */
    void closeWriteEnd() {
        if (!writeClosed) {
            writeClosed = true;
            closeFd(writeFd);
        }
    }

    @Override
    public void close() {
        closeWriteEnd();
        if (!readClosed) {
            readClosed = true;
            closeFd(readFd);
        }
    }

    private static void closeFd(int fd) {
        try {
            if ((int) CLOSE.invokeExact(fd) != 0) {
                throw new IllegalStateException("close(" + fd + ") failed");
            }
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }
}
