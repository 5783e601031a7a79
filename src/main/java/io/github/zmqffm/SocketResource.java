package io.github.zmqffm;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What a {@link Socket} owns natively (the {@code void*} and its scratch memory) and the {@link CallGuard} that
 * keeps it alive during calls, kept apart from the {@code Socket} object so that its {@link Context} can close it
 * and a {@link java.lang.ref.Cleaner} can catch a leak: when a {@code Socket} becomes unreachable unclosed,
 * {@link #run()} logs where it was created and closes it.
 */
final class SocketResource implements Runnable {

    private static final System.Logger LOG = System.getLogger(Socket.class.getName());
    /** Keeps the socket's own ZMQ_LINGER on close. */
    static final int OWN_LINGER = -2;

    final MemorySegment handle;
    final CallGuard guard;
    private final Context context;
    private final SocketType type;
    private final Throwable origin;
    /** Scratch memory: one block, or one per thread that used a thread-safe socket; freed on close. */
    private final List<SocketScratch> scratches = new CopyOnWriteArrayList<>();
    /** The socket pollers this socket is added to: closing the socket removes it from them first. */
    final List<SocketPoller.State> pollers = new CopyOnWriteArrayList<>();
    /** Whether a {@link Monitor} watches this socket (libzmq allows one). */
    final AtomicBoolean monitored = new AtomicBoolean();
    /** The thread that created the socket: {@link Context#close()} lets it close the socket itself. */
    final Thread creator = Thread.currentThread();
    private volatile boolean explicit;

    SocketResource(MemorySegment handle, Context context, SocketType type, boolean strict) {
        this.handle = handle;
        this.context = context;
        this.type = type;
        this.guard = new CallGuard(type.isThreadSafe(), strict, type + " socket", this::closedMessage);
        this.origin = new Throwable("the leaked " + type + " socket was created here");
    }

    /** Adds scratch memory that {@link #close} frees. */
    SocketScratch adopt(SocketScratch scratch) {
        scratches.add(scratch);
        return scratch;
    }

    boolean isClosed() {
        return guard.isClosed();
    }

    /** Called by {@link Socket#close()} before the cleaner runs, so a deliberate close is not a leak. */
    void markExplicitClose() {
        explicit = true;
    }

    @Override
    public void run() {
        if (!explicit && !guard.isClosed()) {
            LOG.log(System.Logger.Level.WARNING, "a " + type + " socket was never closed; closing it now", origin);
        }
        try {
            close(OWN_LINGER);
        } catch (IllegalStateException e) {
            // Only a call still running on another thread refuses a close; the socket stays open for it.
            LOG.log(System.Logger.Level.WARNING, "could not close a " + type + " socket: " + e.getMessage());
        }
    }

    /** Sets ZMQ_LINGER if no other thread is in a call on the socket (best effort, ignoring failures). */
    void trySetLinger(int lingerMillis) {
        guard.borrow(() -> setLinger(lingerMillis));
    }

    /**
     * Closes the socket once ({@code lingerMillis} {@link #OWN_LINGER}: with its own ZMQ_LINGER); throws
     * {@link IllegalStateException} and leaves it open if another thread's call on it is still running.
     */
    void close(int lingerMillis) {
        close(lingerMillis, CallGuard.QUIET_WAIT_NANOS);
    }

    /** {@link #close(int)}, waiting up to {@code waitNanos} for another thread's call on the socket to end. */
    void close(int lingerMillis, long waitNanos) {
        if (guard.isClosed()) {
            return;
        }
        for (SocketPoller.State poller : pollers) {
            poller.forget(this); // throws if that poller is waiting in another thread: then the socket stays open
        }
        guard.close(() -> {
            if (lingerMillis != OWN_LINGER) {
                setLinger(lingerMillis);
            }
            SocketScratch any = scratches.getFirst();
            LibZmqControl.close(any.errno, handle);
            scratches.forEach(SocketScratch::free);
            context.untrack(this);
        }, waitNanos);
    }

    private void setLinger(int lingerMillis) {
        SocketScratch scratch = scratches.getFirst();
        scratch.option.set(ValueLayout.JAVA_INT, 0, lingerMillis);
        LibZmq.setsockopt(scratch.errno, handle, SocketOption.LINGER.code(), scratch.option, 4);
    }

    private String closedMessage() {
        return "this " + type + " socket is closed" + (context.isClosed() ? " (its context was closed)" : "");
    }
}
