package io.github.zmqffm;


import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * What a {@link Socket} owns natively (the {@code void*} and its scratch), kept apart from the {@code Socket}
 * object so that its {@link Context} can close it and a {@link java.lang.ref.Cleaner} can catch a leak: when a
 * {@code Socket} becomes unreachable unclosed, {@link #run()} logs where it was created and closes it.
 */
final class SocketResource implements Runnable {

    private static final System.Logger LOG = System.getLogger(Socket.class.getName());

    final MemorySegment handle;
    final SocketScratch scratch;
    private final Context context;
    private final SocketType type;
    private final Throwable origin;
    /** The thread that created the socket: {@link Context#close()} lets it close the socket itself. */
    final Thread owner = Thread.currentThread();
    volatile boolean closed;
    private volatile boolean explicit;

    SocketResource(MemorySegment handle, SocketScratch scratch, Context context, SocketType type) {
        this.handle = handle;
        this.scratch = scratch;
        this.context = context;
        this.type = type;
        this.origin = new Throwable("the leaked " + type + " socket was created here");
    }

    /** Called by {@link Socket#close()} before the cleaner runs, so a deliberate close is not a leak. */
    void markExplicitClose() {
        explicit = true;
    }

    @Override
    public void run() {
        if (!explicit && !closed) {
            LOG.log(System.Logger.Level.WARNING, "a " + type + " socket was never closed; closing it now", origin);
        }
        close(-2);
    }

    /** Sets ZMQ_LINGER, ignoring failure (the context may already refuse it with ETERM). */
    synchronized void setLinger(int lingerMillis) {
        if (!closed) {
            scratch.option.set(ValueLayout.JAVA_INT, 0, lingerMillis);
            LibZmq.setsockopt(scratch.errno, handle, SocketOption.LINGER.code(), scratch.option, 4);
        }
    }

    /** Closes the socket once; a {@code lingerMillis} of -2 keeps the socket's own ZMQ_LINGER. */
    synchronized void close(int lingerMillis) {
        if (closed) {
            return;
        }
        if (lingerMillis != -2) {
            setLinger(lingerMillis);
        }
        closed = true;
        LibZmqControl.close(scratch.errno, handle);
        scratch.free();
        context.untrack(this);
    }
}
