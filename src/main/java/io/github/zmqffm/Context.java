package io.github.zmqffm;

import io.github.zmqffm.internal.NativeLoader;
import io.github.zmqffm.internal.Timeouts;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.ref.Reference;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

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
 * <p>Every new socket starts with the {@linkplain #setDefaultLinger(Duration) default linger} (1 s unless
 * changed) instead of libzmq's -1 (wait forever): closing a socket with messages its peer never takes, then the
 * context, is bounded without knowing ZMQ_LINGER. Set ZMQ_LINGER on a socket to override it.
 *
 * <p>Threads that use this context's sockets should close them when a call fails with
 * {@link ContextTerminatedException}: {@link #close()} wakes them that way and gives them a moment to do so.
 */
public final class Context implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(Context.class.getName());

    /** Runs the {@code zmq_ctx_term} calls that outlive their {@link #close()}: a bounded number of threads. */
    private static final ExecutorService TERMINATOR = terminator();

    private final MemorySegment handle;
    private final boolean owned;
    /** Any thread may call a context; {@link #close()} waits for calls in progress before terminating it. */
    private final CallGuard guard = new CallGuard(true, false, "context", () -> "this context is closed");
    private final Set<SocketResource> sockets = ConcurrentHashMap.newKeySet();
    private final InprocPeers inprocPeers;
    private volatile boolean closed;
    private volatile boolean started; // its first socket started libzmq's reaper and I/O threads
    private final IoThreadScheduling scheduling = new IoThreadScheduling();
    private volatile int closeLingerMillis = 0;
    private volatile int defaultLingerMillis = 1000;
    private volatile Duration termTimeout = Duration.ofSeconds(10);
    private volatile Duration closeGrace = Duration.ofSeconds(1);
    private volatile WaitStrategy waitStrategy = WaitStrategy.AUTO;
    /** The thread that wakes parked waiters, started by the first park (see {@link WaitStrategy#PARK}). */
    private volatile ReadinessPoller readiness;

    /** A new context with one I/O thread. Errors: EMFILE (too many open files). */
    public Context() {
        this(1);
    }

    /** A new context with {@code ioThreads} I/O threads (0 for inproc only). Errors: EMFILE. */
    public Context(int ioThreads) {
        this(newContext(ioThreads), true);
    }

    private Context(MemorySegment handle, boolean owned) {
        this.handle = handle;
        this.owned = owned;
        this.inprocPeers = new InprocPeers(owned ? handle : null);
    }

    private static MemorySegment newContext(int ioThreads) {
        if (ioThreads < 0) {
            throw new IllegalArgumentException("ioThreads " + ioThreads + " is negative");
        }
        FdHeadroom.beforeContext();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = arena.allocate(LibZmq.CAPTURE_LAYOUT);
            MemorySegment handle = LibZmqControl.ctxNew(errno);
            if (handle.equals(MemorySegment.NULL)) {
                throw Errors.exception("zmq_ctx_new", null, LibZmq.errno(errno));
            }
            if (ioThreads != 1 && LibZmqControl.ctxSet(errno, handle, ContextOption.IO_THREADS.value(), ioThreads) != 0) {
                int e = LibZmq.errno(errno);
                LibZmqControl.ctxTerm(errno, handle); // no socket exists yet: returns at once
                throw Errors.exception("zmq_ctx_set", ContextOption.IO_THREADS + "=" + ioThreads, e);
            }
            return handle;
        }
    }

    /**
     * Wraps a {@code void*} context created by native code in this process, so that Java and a C library share
     * {@code inproc://} endpoints. The native side keeps ownership: {@link #close()} closes the sockets made
     * through this object but does not terminate the context.
     *
     * <p><b>Restricted:</b> libzmq cannot tell a live context from any other address, so the caller vouches that
     * {@code nativeContext} is a live {@code zmq_ctx_new} context and stays one until this object is closed; a
     * wrong address crashes the JVM. Like the JDK's restricted methods, it therefore requires native access for
     * the calling module ({@code --enable-native-access}) and throws {@link IllegalCallerException} without it.
     */
    public static Context adopt(MemorySegment nativeContext) {
        Restricted.ensureNativeAccess(Restricted.WALKER.getCallerClass(), "Context.adopt");
        Objects.requireNonNull(nativeContext, "nativeContext");
        if (nativeContext.equals(MemorySegment.NULL)) {
            throw new IllegalArgumentException("nativeContext is NULL");
        }
        NativeLoader.ensureLoaded();
        return new Context(MemorySegment.ofAddress(nativeContext.address()), false);
    }

    /** Creates a socket. Errors: EINVAL (unknown type), EMFILE (ZMQ_MAX_SOCKETS reached), ETERM. */
    public Socket socket(SocketType type) {
        CallGuard.Owner token = guard.enter();
        try {
            if (!started) {
                FdHeadroom.beforeFirstSocket(handle, type);
                scheduling.checkBeforeThreadsStart();
            }
            SocketScratch scratch = new SocketScratch();
            MemorySegment socket = LibZmqControl.socket(scratch.errno, handle, type.value());
            if (socket.equals(MemorySegment.NULL)) {
                int errno = LibZmq.errno(scratch.errno);
                scratch.free();
                throw Errors.exception("zmq_socket", type, errno);
            }
            started = true;
            Socket created = new Socket(this, type, socket, scratch);
            try {
                created.set(SocketOption.LINGER, defaultLingerMillis);
            } catch (RuntimeException e) {
                created.close();
                throw e;
            }
            return created;
        } finally {
            guard.exit(token);
            Reference.reachabilityFence(this);
        }
    }

    /**
     * Sets a context option. Errors: EINVAL. A read-only option ({@code !option.writable()}) throws
     * {@link UnsupportedOperationException}: libzmq would take SOCKET_LIMIT's number for THREAD_PRIORITY's. The
     * scheduling options (THREAD_SCHED_POLICY, THREAD_PRIORITY, THREAD_AFFINITY_CPU_ADD/REMOVE) apply when the
     * first socket starts libzmq's threads: that first {@link #socket} tries them on a throwaway thread and throws
     * {@link IllegalStateException} if the kernel refuses them (libzmq would abort), and setting them after it
     * throws {@link IllegalStateException}. MAX_SOCKETS above SOCKET_LIMIT throws {@link IllegalArgumentException}:
     * libzmq takes it, then its first socket aborts the process sizing its slot table (INT_MAX overflows it).
     */
    public void set(ContextOption option, int value) {
        if (!option.writable()) {
            throw new UnsupportedOperationException("ContextOption." + option + " is read-only");
        }
        if (option == ContextOption.MAX_SOCKETS && value > get(ContextOption.SOCKET_LIMIT)) {
            throw new IllegalArgumentException("ContextOption.MAX_SOCKETS=" + value + " is out of range 1.."
                    + get(ContextOption.SOCKET_LIMIT) + " (SOCKET_LIMIT)");
        }
        if (IoThreadScheduling.concerns(option)) {
            scheduling.set(option, value, () -> setNow(option, value));
        } else {
            setNow(option, value);
        }
    }

    private void setNow(ContextOption option, int value) {
        CallGuard.Owner token = guard.enter();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = arena.allocate(LibZmq.CAPTURE_LAYOUT);
            if (LibZmqControl.ctxSet(errno, handle, option.value(), value) != 0) {
                throw Errors.exception("zmq_ctx_set", option + "=" + value, LibZmq.errno(errno));
            }
        } finally {
            guard.exit(token);
            Reference.reachabilityFence(this);
        }
    }

    /**
     * Reads a context option, as is: -1 is a value ({@link ContextOption#THREAD_SCHED_POLICY}'s default, or a
     * {@link ContextOption#THREAD_NAME_PREFIX} of -1), not an error. A write-only option
     * ({@code !option.readable()}) throws {@link UnsupportedOperationException}.
     */
    public int get(ContextOption option) {
        if (!option.readable()) {
            throw new UnsupportedOperationException("ContextOption." + option + " is write-only: libzmq 4.3.4's"
                    + " zmq_ctx_get does not read it");
        }
        CallGuard.Owner token = guard.enter();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = arena.allocate(LibZmq.CAPTURE_LAYOUT);
            return LibZmqControl.ctxGet(errno, handle, option.value()); // readable: libzmq fails only on a bad handle
        } finally {
            guard.exit(token);
            Reference.reachabilityFence(this);
        }
    }

    /** The ZMQ_LINGER that {@link #close()} gives sockets still open; default 0. Negative: wait forever. */
    public void setCloseLinger(Duration linger) {
        closeLingerMillis = Timeouts.millis(linger);
    }

    /**
     * The ZMQ_LINGER every socket made from now on starts with; default 1 s, so that a message sent just before
     * {@link Socket#close()} still reaches a connected peer, while a socket whose peer never takes its messages
     * holds up the context's termination for at most that long. Zero drops unsent messages at once (czmq's and
     * JeroMQ's {@code ZContext} default); negative is libzmq's own default, wait forever.
     */
    public void setDefaultLinger(Duration linger) {
        defaultLingerMillis = Timeouts.millis(linger);
    }

    /** The ZMQ_LINGER new sockets start with (see {@link #setDefaultLinger}); negative means wait forever. */
    public Duration defaultLinger() {
        return Duration.ofMillis(defaultLingerMillis);
    }

    /**
     * How long {@link #close()} lets other live threads close the sockets they created, after waking them with
     * ETERM, before closing those sockets itself; default 1 s.
     */
    public void setCloseGrace(Duration grace) {
        closeGrace = Objects.requireNonNull(grace);
    }

    /**
     * How blocking calls on this context's sockets wait when the socket does not say otherwise
     * ({@link Socket#setWaitStrategy}); default {@link WaitStrategy#AUTO}: virtual threads park, platform threads
     * wait interruptibly in native code.
     */
    public void setWaitStrategy(WaitStrategy strategy) {
        waitStrategy = Objects.requireNonNull(strategy, "strategy");
    }

    /** The context's wait strategy (see {@link #setWaitStrategy}). */
    public WaitStrategy waitStrategy() {
        return waitStrategy;
    }

    /** Which of this context's sockets are attached to each inproc endpoint (bind and connect check peers). */
    InprocPeers inprocPeers() {
        return inprocPeers;
    }

    /** The readiness thread, started on first use; null if it cannot be had (no epoll, context closed). */
    ReadinessPoller readiness() {
        ReadinessPoller poller = readiness;
        if (poller == null && !closed) {
            synchronized (this) {
                poller = readiness;
                if (poller == null && !closed) {
                    poller = ReadinessPoller.start("zmq-ffm-readiness-" + Long.toHexString(handle.address()));
                    readiness = poller;
                }
            }
        }
        return poller;
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
        CallGuard.Owner token = guard.enter();
        try {
            inprocPeers.bindPendingThen(this::shutdownNative);
        } finally {
            guard.exit(token);
            Reference.reachabilityFence(this);
        }
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
     * <p>Order: calls on the context itself in other threads (creating a socket, an option) are let finish; every
     * open socket gets the close linger; inproc endpoints that connects still wait on are bound (libzmq's
     * termination would need a socket of its own for each, and aborts without one); the context is shut down, so calls blocked in other threads (a receive,
     * a proxy's native loop) return with {@link ContextTerminatedException}; sockets in use by another live thread
     * are left to that thread for up to the {@linkplain #setCloseGrace close grace}; then the rest are closed,
     * except one still inside a call on another thread (closing it would free memory under that call: it is left
     * open, with a warning, and termination finishes in the background once it is closed), and the context is
     * terminated.
     */
    @Override
    public void close() {
        guard.close(() -> {
            closed = true;
            List<SocketResource> open = List.copyOf(sockets);
            for (SocketResource socket : open) {
                socket.trySetLinger(closeLingerMillis); // before the shutdown: libzmq refuses options after it
            }
            if (owned) {
                inprocPeers.bindPendingThen(this::shutdownNative);
                awaitUsersClosing(open);
            }
            for (SocketResource socket : List.copyOf(sockets)) {
                try {
                    // After the shutdown every call returns at once: wait longer than a plain close would, so that
                    // a thread preempted inside a call on a busy machine does not keep its socket open.
                    socket.close(SocketResource.OWN_LINGER, TimeUnit.SECONDS.toNanos(1));
                } catch (IllegalStateException busy) {
                    LOG.log(System.Logger.Level.WARNING, "Context.close() left a socket open: " + busy.getMessage());
                }
            }
            closeReadiness();
            if (owned) {
                terminate();
            }
        });
    }

    private void closeReadiness() {
        ReadinessPoller poller;
        synchronized (this) {
            poller = readiness; // closed is set: no new one starts
        }
        if (poller != null) {
            try {
                poller.close();
            } catch (IllegalStateException busy) {
                LOG.log(System.Logger.Level.WARNING, "Context.close() left the readiness thread: " + busy.getMessage());
            }
        }
    }

    // Threads woken with ETERM usually close their sockets at once; wait for that rather than race them.
    private void awaitUsersClosing(List<SocketResource> open) {
        long start = System.nanoTime();
        long grace = Timeouts.nanos(closeGrace); // elapsed time compared, so a huge grace cannot overflow
        for (SocketResource socket : open) {
            for (;;) {
                Thread user = socket.guard.ownerThread();
                if (user == null) {
                    user = socket.creator; // a thread-safe type: the thread that made it
                }
                if (socket.isClosed() || user == Thread.currentThread() || !user.isAlive()
                        || System.nanoTime() - start >= grace) {
                    break;
                }
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
        Future<?> term = TERMINATOR.submit(() -> {
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment errno = arena.allocate(LibZmq.CAPTURE_LAYOUT);
                while (LibZmqControl.ctxTerm(errno, handle) != 0 && LibZmq.errno(errno) == Errors.EINTR) {
                    // zmq_ctx_term was interrupted by a signal: try again
                }
            }
        });
        try {
            term.get(Timeouts.nanos(termTimeout), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new IllegalStateException("zmq_ctx_term failed", e.getCause());
        } catch (TimeoutException e) {
            LOG.log(System.Logger.Level.WARNING, "zmq_ctx_term did not finish within " + termTimeout
                    + ": a socket outside this context's tracking is still open or lingering; it will finish"
                    + " in the background");
        }
    }

    /** Two daemon threads at most (idle ones end): a term that never returns holds one, never more. */
    private static ExecutorService terminator() {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(2, 2, 10, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                Thread.ofPlatform().daemon().name("zmq-ffm-ctx-term-", 0).factory());
        pool.allowCoreThreadTimeOut(true);
        return pool;
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
