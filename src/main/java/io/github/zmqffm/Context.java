package io.github.zmqffm;

import io.github.zmqffm.internal.NativeLoader;
import io.github.zmqffm.internal.Timeouts;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A libzmq context: the I/O threads and the sockets made from it. Thread-safe.
 *
 * <p>{@link #close()} closes every socket of this context that is still open, each with the
 * {@linkplain #setCloseLinger(Duration) close linger} (default 0: unsent messages are dropped, as JeroMQ's
 * {@code ZContext} does), then terminates the context. Termination waits at most the
 * {@linkplain #setTermTimeout(Duration) term timeout} (default 10 s) for sockets it cannot close (made by
 * native code, or closed earlier with a linger still running); after that it logs a warning and lets the
 * termination finish in the background, so {@code close()} never hangs forever.
 *
 * <p>Threads that use this context's sockets should close them when a call fails with
 * {@link ContextTerminatedException}: {@link #close()} wakes them that way and gives them a moment to do so.
 */
public final class Context implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(Context.class.getName());

    private final MemorySegment handle;
    private final boolean owned;
    private final Set<SocketResource> sockets = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;
    private volatile boolean started; // its first socket started libzmq's reaper and I/O threads
    private volatile int closeLingerMillis = 0;
    private volatile Duration termTimeout = Duration.ofSeconds(10);
    private volatile Duration closeGrace = Duration.ofSeconds(1);

    /** A new context with one I/O thread. Errors: EMFILE (too many open files). */
    public Context() {
        this(1);
    }

    /** A new context with {@code ioThreads} I/O threads. */
    public Context(int ioThreads) {
        this(newContext(), true);
        if (ioThreads != 1) {
            set(ContextOption.IO_THREADS, ioThreads);
        }
    }

    private Context(MemorySegment handle, boolean owned) {
        this.handle = handle;
        this.owned = owned;
    }

    private static MemorySegment newContext() {
        FdHeadroom.beforeContext();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = arena.allocate(LibZmq.CAPTURE_LAYOUT);
            MemorySegment handle = LibZmqControl.ctxNew(errno);
            if (handle.equals(MemorySegment.NULL)) {
                throw Errors.exception("zmq_ctx_new", null, LibZmq.errno(errno));
            }
            return handle;
        }
    }

    /**
     * Wraps a {@code void*} context created by native code in this process, so that Java and a C library share
     * {@code inproc://} endpoints. The native side keeps ownership: {@link #close()} closes the sockets made
     * through this object but does not terminate the context.
     */
    public static Context adopt(MemorySegment nativeContext) {
        Objects.requireNonNull(nativeContext, "nativeContext");
        if (nativeContext.equals(MemorySegment.NULL)) {
            throw new IllegalArgumentException("nativeContext is NULL");
        }
        NativeLoader.ensureLoaded();
        return new Context(MemorySegment.ofAddress(nativeContext.address()), false);
    }

    /** Creates a socket. Errors: EINVAL (unknown type), EMFILE (ZMQ_MAX_SOCKETS reached), ETERM. */
    public Socket socket(SocketType type) {
        ensureOpen();
        if (!started) {
            FdHeadroom.beforeFirstSocket(handle, type);
        }
        SocketScratch scratch = new SocketScratch();
        MemorySegment socket = LibZmqControl.socket(scratch.errno, handle, type.value());
        if (socket.equals(MemorySegment.NULL)) {
            int errno = LibZmq.errno(scratch.errno);
            scratch.free();
            throw Errors.exception("zmq_socket", type, errno);
        }
        started = true;
        return new Socket(this, type, socket, scratch);
    }

    /** Sets a context option. Errors: EINVAL. */
    public void set(ContextOption option, int value) {
        ensureOpen();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = arena.allocate(LibZmq.CAPTURE_LAYOUT);
            if (LibZmqControl.ctxSet(errno, handle, option.value(), value) != 0) {
                throw Errors.exception("zmq_ctx_set", option + "=" + value, LibZmq.errno(errno));
            }
        }
    }

    /** Reads a context option. Errors: EINVAL (write-only option). */
    public int get(ContextOption option) {
        ensureOpen();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = arena.allocate(LibZmq.CAPTURE_LAYOUT);
            int value = LibZmqControl.ctxGet(errno, handle, option.value());
            if (value == -1) {
                throw Errors.exception("zmq_ctx_get", option, LibZmq.errno(errno));
            }
            return value;
        }
    }

    /** The ZMQ_LINGER that {@link #close()} gives sockets still open; default 0. Negative: wait forever. */
    public void setCloseLinger(Duration linger) {
        closeLingerMillis = Timeouts.millis(linger);
    }

    /**
     * How long {@link #close()} lets other live threads close the sockets they created, after waking them with
     * ETERM, before closing those sockets itself; default 1 s.
     */
    public void setCloseGrace(Duration grace) {
        closeGrace = Objects.requireNonNull(grace);
    }

    /** How long {@link #close()} waits for {@code zmq_ctx_term}; default 10 s. */
    public void setTermTimeout(Duration timeout) {
        termTimeout = Objects.requireNonNull(timeout);
    }

    /** The native {@code void*} context, for native code; valid until {@link #close()}. */
    public MemorySegment handle() {
        ensureOpen();
        return handle;
    }

    /** Whether {@link #close()} has run. */
    public boolean isClosed() {
        return closed;
    }

    /** The number of sockets made from this context that are still open. */
    public int openSockets() {
        return sockets.size();
    }

    /**
     * Wakes every blocked call on this context's sockets with {@link ContextTerminatedException}, and makes
     * later calls fail the same way; the sockets stay open until closed. Idempotent.
     */
    public void shutdown() {
        ensureOpen();
        shutdownNative();
    }

    private void shutdownNative() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = arena.allocate(LibZmq.CAPTURE_LAYOUT);
            LibZmqControl.ctxShutdown(errno, handle);
        }
    }

    /**
     * Closes the remaining sockets, then terminates the context (bounded; see the class comment). Idempotent.
     *
     * <p>Order: every open socket gets the close linger; the context is shut down, so calls blocked in other
     * threads (a receive, a proxy's native loop) return with {@link ContextTerminatedException}; sockets created
     * by another live thread are left to that thread for up to the {@linkplain #setCloseGrace close grace}
     * (closing a socket under a running libzmq call would crash); then the rest are closed and the context is
     * terminated.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        List<SocketResource> open = List.copyOf(sockets);
        for (SocketResource socket : open) {
            socket.setLinger(closeLingerMillis); // before the shutdown: libzmq refuses options after it
        }
        if (owned) {
            shutdownNative();
            awaitOwnersClosing(open);
        }
        for (SocketResource socket : List.copyOf(sockets)) {
            socket.close(-2);
        }
        if (owned) {
            terminate();
        }
    }

    // Threads woken with ETERM usually close their sockets at once; wait for that rather than race them.
    private void awaitOwnersClosing(List<SocketResource> open) {
        long start = System.nanoTime();
        long grace = Timeouts.nanos(closeGrace); // elapsed time compared, so a huge grace cannot overflow
        for (SocketResource socket : open) {
            while (!socket.closed && socket.owner != Thread.currentThread() && socket.owner.isAlive()
                    && System.nanoTime() - start < grace) {
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void terminate() {
        Thread terminator = Thread.ofPlatform().daemon().name("zmq-ffm-ctx-term").start(() -> {
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment errno = arena.allocate(LibZmq.CAPTURE_LAYOUT);
                while (LibZmqControl.ctxTerm(errno, handle) != 0 && LibZmq.errno(errno) == Errors.EINTR) {
                    // zmq_ctx_term was interrupted by a signal: try again
                }
            }
        });
        try {
            terminator.join(termTimeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (terminator.isAlive()) {
            LOG.log(System.Logger.Level.WARNING, "zmq_ctx_term did not finish within " + termTimeout
                    + ": a socket outside this context's tracking is still open or lingering; it will finish"
                    + " in the background");
        }
    }

    void track(SocketResource socket) {
        sockets.add(socket);
    }

    void untrack(SocketResource socket) {
        sockets.remove(socket);
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("this context is closed");
        }
    }
}
