package io.github.zmqffm;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An actor (czmq's {@code zactor}, JeroMQ's {@code ZActor}): a thread of its own, running a {@link Body}, and an
 * inproc PAIR pipe between it and its creator. The body makes, uses and closes its own sockets in its thread and
 * talks to the creator only through the pipe, so no socket is ever shared.
 *
 * <pre>{@code
 * try (ZActor echo = ZActor.start(context, pipe -> {
 *     for (String text = pipe.recvString(); !text.equals(ZActor.TERM); text = pipe.recvString()) {
 *         pipe.send("echo " + text);
 *     }
 * })) {
 *     echo.pipe().send("hello");
 *     System.out.println(echo.pipe().recvString());   // echo hello
 * }                                                   // close: $TERM, then join
 * }</pre>
 *
 * <p><b>Lifetime.</b> {@link #start} returns once the actor's end of the pipe is connected and its body is about to
 * run. A body that must finish setting up before its creator goes on (bind an endpoint, say) sends a message on the
 * pipe when it is ready, which the creator receives (czmq's {@code zsock_signal}/{@code zsock_wait}).
 * {@link #close()} sends {@link #TERM} on the pipe, waits for the body to return, and if it has not within the
 * timeout, interrupts the thread (a blocked receive or poll then ends with an interrupt) and waits again: the
 * creator never waits longer than twice the timeout. The body ends normally by returning after {@code $TERM},
 * or when its context is terminated ({@link ContextTerminatedException} is not a failure); anything else it
 * throws is kept as {@link #failure()} and logged.
 *
 * <p><b>Threads.</b> {@link #pipe()} and {@link #close()} belong to the creating thread (the pipe is a socket);
 * {@link #isAlive()}, {@link #failure()} and {@link #await} may be called from any thread.
 */
public final class ZActor implements AutoCloseable {

    /** The message {@link #close()} sends to ask the body to end: czmq's {@code "$TERM"}. */
    public static final String TERM = "$TERM";

    private static final System.Logger LOG = System.getLogger(ZActor.class.getName());
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
    private static final AtomicLong IDS = new AtomicLong();

    /** What an actor runs, in its own thread, with its end of the pipe. */
    @FunctionalInterface
    public interface Body {
        /** Runs until done; return after receiving {@link #TERM} on {@code pipe}. The pipe is closed afterwards. */
        void run(Socket pipe) throws Exception;
    }

    private final String name;
    private final Socket pipe;
    private final Thread thread;
    private final CompletableFuture<Void> connected = new CompletableFuture<>();
    private final CompletableFuture<Void> ended = new CompletableFuture<>();
    private volatile Throwable failure;
    private volatile boolean stopping;
    private boolean closed;

    private ZActor(String name, Socket pipe, Context context, String endpoint, Body body) {
        this.name = name;
        this.pipe = pipe;
        this.thread = Thread.ofPlatform().daemon().name(name).unstarted(() -> run(context, endpoint, body));
    }

    /** Starts {@code body} in a new thread named {@code zmq-ffm-actor-N}; see {@link #start(Context, String, Body)}. */
    public static ZActor start(Context context, Body body) {
        long id = IDS.incrementAndGet();
        return start(context, "zmq-ffm-actor-" + id, id, body);
    }

    /**
     * Starts {@code body} in a new platform thread called {@code name} and returns once its end of the pipe is
     * connected. Errors: those of making the pipe (ETERM as {@link ContextTerminatedException}), with nothing left
     * running.
     */
    public static ZActor start(Context context, String name, Body body) {
        return start(context, name, IDS.incrementAndGet(), body);
    }

    private static ZActor start(Context context, String name, long id, Body body) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(body, "body");
        String endpoint = "inproc://zmq-ffm.actor." + id + "." + System.identityHashCode(body);
        Socket pipe = context.socket(SocketType.PAIR);
        try {
            pipe.set(SocketOption.LINGER, 0);
            pipe.bind(endpoint);
            ZActor actor = new ZActor(name, pipe, context, endpoint, body);
            actor.thread.start();
            actor.awaitConnected();
            return actor;
        } catch (RuntimeException e) {
            pipe.close();
            throw e;
        }
    }

    private void awaitConnected() {
        try {
            connected.get(DEFAULT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("actor " + name + " did not connect its pipe within " + DEFAULT_TIMEOUT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting actor " + name, e);
        }
    }

    private void run(Context context, String endpoint, Body body) {
        Socket end;
        try {
            end = context.socket(SocketType.PAIR);
        } catch (Throwable t) {
            connected.completeExceptionally(t);
            ended.complete(null);
            return;
        }
        try (end) {
            end.set(SocketOption.LINGER, 0);
            end.connect(endpoint);
            connected.complete(null);
            body.run(end);
        } catch (ContextTerminatedException e) {
            connected.completeExceptionally(e); // if it came before the body ran; else the context is closing
        } catch (Throwable t) {
            if (!connected.completeExceptionally(t) && !(stopping && isInterrupt(t))) {
                failure = t;
                LOG.log(System.Logger.Level.WARNING, "actor " + name + " failed", t);
            }
        } finally {
            ended.complete(null);
        }
    }

    private static boolean isInterrupt(Throwable t) {
        return t instanceof InterruptedException || (t instanceof ZmqException z && z.error() == Errno.EINTR);
    }

    /** The creator's end of the pipe. From the creating thread only. */
    public Socket pipe() {
        return pipe;
    }

    /** The actor thread's name. */
    public String name() {
        return name;
    }

    /** Whether the body is still running. */
    public boolean isAlive() {
        return !ended.isDone();
    }

    /**
     * What the body threw, if it ended with an exception other than {@link ContextTerminatedException} (or an
     * interrupt sent by {@link #close()}); empty while it runs or after a normal end.
     */
    public Optional<Throwable> failure() {
        return Optional.ofNullable(failure);
    }

    /** Waits at most {@code timeout} for the body to end; returns whether it has. */
    public boolean await(Duration timeout) throws InterruptedException {
        try {
            ended.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            throw new AssertionError(e); // ended is only ever completed normally
        }
    }

    /** {@link #close(Duration)} with a 5 s timeout. */
    @Override
    public void close() {
        close(DEFAULT_TIMEOUT);
    }

    /**
     * Stops the actor: sends {@link #TERM}, waits up to {@code timeout} for the body to end, then interrupts its
     * thread and waits up to {@code timeout} more; closes the pipe in every case. Idempotent. Errors:
     * {@link IllegalStateException} if the body is still running after that (the exception carries the actor
     * thread's stack as a suppressed exception, to show where it is stuck). If the calling thread is interrupted
     * while waiting, the pipe is closed and the method returns with the interrupt status set.
     */
    public void close(Duration timeout) {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (isAlive()) {
                stopping = true;
                askToEnd();
                if (!await(timeout)) {
                    thread.interrupt();
                    await(timeout);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } finally {
            pipe.close();
        }
        if (isAlive()) {
            IllegalStateException stuck = new IllegalStateException("actor " + name + " did not end within "
                    + timeout + " of " + TERM + " nor of an interrupt");
            Throwable where = new Throwable("actor " + name + " is here");
            where.setStackTrace(thread.getStackTrace());
            stuck.addSuppressed(where);
            throw stuck;
        }
    }

    private void askToEnd() {
        try {
            pipe.send(TERM, SendFlag.DONTWAIT); // never blocks: a full pipe is what the interrupt is for
        } catch (ContextTerminatedException e) {
            // the context is closing: the body is being woken with ETERM anyway
        }
    }

    @Override
    public String toString() {
        return "ZActor[" + name + (isAlive() ? "" : ", ended") + "]";
    }
}
