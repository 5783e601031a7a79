package io.github.zmqffm;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.lang.ref.Cleaner;
import java.util.concurrent.atomic.AtomicBoolean;

import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * The self-pipe trick: an OS pipe whose read end a poller watches, so that any thread can wake a thread blocked in
 * {@code zmq_poll} by writing one byte. At most one byte is ever pending (later wakes before the drain are
 * no-ops), so a write never blocks. POSIX only: {@code zmq_poll} on Windows polls sockets, not pipes.
 */
final class WakeupPipe implements AutoCloseable {

    /** The two descriptors, closed by {@link #close()} or by the cleaner if the owner leaks. */
    private static final class Fds implements Runnable {
        final int read;
        final int write;
        boolean closed;

        Fds(int read, int write) {
            this.read = read;
            this.write = write;
        }

        @Override
        public synchronized void run() {
            if (!closed) {
                closed = true;
                Libc.close(read);
                Libc.close(write);
            }
        }
    }

    private final Fds fds;
    private final Cleaner.Cleanable cleanable;
    private final AtomicBoolean pending = new AtomicBoolean();

    /** A new pipe. Errors: {@link IllegalStateException} if the OS has no descriptors left (EMFILE, ENFILE). */
    WakeupPipe() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment pair = arena.allocate(JAVA_INT, 2);
            MemorySegment errno = arena.allocate(LibZmq.CAPTURE_LAYOUT);
            if ((int) Libc.PIPE.invokeExact(errno, pair) != 0) {
                throw new IllegalStateException("pipe() failed: errno " + LibZmq.errno(errno));
            }
            fds = new Fds(pair.getAtIndex(JAVA_INT, 0), pair.getAtIndex(JAVA_INT, 1));
        } catch (Throwable t) {
            throw LibZmq.unexpected(t);
        }
        cleanable = Leaks.CLEANER.register(this, fds);
    }

    /** The descriptor to poll for readability. */
    int readFd() {
        return fds.read;
    }

    /** Wakes the poller (from any thread); does nothing once closed. */
    void wake() {
        if (!pending.compareAndSet(false, true)) {
            return;
        }
        synchronized (fds) { // a closed descriptor's number may already belong to another file
            if (!fds.closed) {
                transfer(Libc.WRITE, fds.write);
            }
        }
    }

    /** Takes the pending byte, if any, so that the next poll waits again. Only from the polling thread. */
    void drain() {
        if (pending.get()) {
            transfer(Libc.READ, fds.read);
            pending.set(false);
        }
    }

    /** Closes both descriptors. Idempotent. */
    @Override
    public void close() {
        cleanable.clean();
    }

    /** One byte through {@code read} or {@code write}, retried on EINTR. */
    private static void transfer(MethodHandle call, int fd) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = arena.allocate(LibZmq.CAPTURE_LAYOUT);
            MemorySegment buffer = arena.allocate(1);
            long n;
            while ((n = (long) call.invokeExact(errno, fd, buffer, 1L)) < 0 && LibZmq.errno(errno) == Errors.EINTR) {
                // interrupted by a signal: try again
            }
            if (n != 1) {
                throw new IllegalStateException("wake-up pipe: " + (call == Libc.READ ? "read" : "write") + " returned " + n
                        + (n < 0 ? ", errno " + LibZmq.errno(errno) : ""));
            }
        } catch (Throwable t) {
            throw LibZmq.unexpected(t);
        }
    }
}
