package io.github.zmqffm.proxy;

import io.github.zmqffm.Context;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A proxy started by {@link Proxy#start()}: libzmq's loop runs in the proxy's own thread, steered through an
 * inproc PAIR control socket. The methods may be called from any thread; commands run one at a time, each
 * bounded by a 5 s timeout.
 *
 * <p>The proxy stops on {@link #terminate()} or {@link #close()}, on TERMINATE at its remote control endpoint,
 * or when its context is {@linkplain Context#shutdown() shut down} (ETERM); in every case its thread closes its
 * sockets before {@link #await} returns, and {@link #close()} closes the rest.
 *
 * <p>{@link Context#close()} also stops a running proxy safely: it wakes the loop with ETERM and lets the proxy's
 * thread close its sockets before closing the rest. Closing this handle first is still the orderly way: it
 * keeps the final statistics.
 */
public final class RunningProxy implements AutoCloseable {

    private static final AtomicLong IDS = new AtomicLong();
    /** How long terminate() and close() wait for the loop to end. */
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    private final Context context;
    private final ProxyThread loop;
    private final ControlClient control;
    private ControlServer server;
    private ProxyThread.Bound bound;
    private String controlEndpoint;
    private volatile Statistics finalStatistics;
    private boolean closed;  // guarded by this

    private RunningProxy(Proxy proxy) {
        long id = IDS.incrementAndGet();
        String address = "inproc://zmq-ffm-proxy-control-" + id + "-" + System.identityHashCode(this);
        this.context = proxy.context();
        this.loop = new ProxyThread(proxy, address, "zmq-ffm-proxy-" + id);
        this.control = new ControlClient(context, address, () -> loop.stopped.isDone(), "zmq-ffm-proxy-" + id + "-control");
    }

    static RunningProxy start(Proxy proxy) {
        RunningProxy running = new RunningProxy(proxy);
        running.loop.start();
        try {
            running.bound = running.loop.ready.join();
            if (proxy.control() != null) {
                running.server = new ControlServer(running, proxy.control(), "zmq-ffm-proxy-control-endpoint");
                running.server.start();
                running.controlEndpoint = running.server.ready.join();
            }
            return running;
        } catch (CompletionException e) {
            running.close();
            throw rethrow(e.getCause());
        }
    }

    /** The context the proxy's sockets belong to. */
    public Context context() {
        return context;
    }

    /** The endpoint the frontend bound or connected last, with the real port of a wildcard bind. */
    public String frontendEndpoint() {
        return bound.frontend();
    }

    /** The endpoint the backend bound or connected last, with the real port of a wildcard bind. */
    public String backendEndpoint() {
        return bound.backend();
    }

    /** The capture socket's last endpoint, or null without capture. */
    public String captureEndpoint() {
        return bound.capture();
    }

    /** The remote control endpoint (real port of a wildcard bind), or null without one. */
    public String controlEndpoint() {
        return controlEndpoint;
    }

    /**
     * Stops forwarding (PAUSE) and returns once the proxy has acted on it: messages then wait in the
     * sockets' queues, up to their high-water marks. Throws {@link IllegalStateException} if the proxy has
     * stopped or does not answer within 5 s, {@link io.github.zmqffm.ContextTerminatedException} on ETERM.
     */
    public void pause() {
        control.steer(ControlCommand.PAUSE);
    }

    /** Forwards again after {@link #pause()} (RESUME), returning once the proxy has acted on it. As pause(). */
    public void resume() {
        control.steer(ControlCommand.RESUME);
    }

    /**
     * The proxy's eight counters (STATISTICS). After {@link #terminate()} or {@link #close()}, the counters
     * at the moment it stopped. Throws {@link IllegalStateException} if the proxy stopped some other way
     * (its counters died with it) or does not answer within 5 s.
     */
    public Statistics statistics() {
        Statistics last = finalStatistics;
        if (last != null) {
            return last;
        }
        return control.statistics();
    }

    /**
     * Stops the proxy: PAUSE, a last STATISTICS (kept for {@link #statistics()}), then TERMINATE; returns once
     * the loop has ended and its sockets are closed. Does nothing if it has already stopped. Throws
     * {@link IllegalStateException} if the loop does not end within 10 s (libzmq blocked sending to a peer or
     * capture socket that does not read: {@link Context#shutdown()} ends it).
     */
    public void terminate() {
        if (!loop.stopped.isDone()) {
            try {
                Statistics last = control.stop();
                if (last != null) {
                    finalStatistics = last;
                }
            } catch (IllegalStateException e) {
                if (!loop.stopped.isDone()) {
                    throw e;
                }
            }
        }
        try {
            if (!await(STOP_TIMEOUT)) {
                throw new IllegalStateException("the proxy did not stop within " + STOP_TIMEOUT.toSeconds()
                        + " s of TERMINATE; it may be blocked sending to a peer or capture socket that does not read "
                        + "(Context.shutdown() ends it)");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the proxy to stop", e);
        }
    }

    /** Whether the loop is still running. */
    public boolean isRunning() {
        return !loop.stopped.isDone();
    }

    /**
     * Waits until the loop has ended and its sockets are closed.
     *
     * @throws InterruptedException if this thread is interrupted while waiting
     */
    public void await() throws InterruptedException {
        try {
            loop.stopped.get();
        } catch (ExecutionException e) {
            // the outcome is failure()
        }
    }

    /**
     * Waits at most {@code timeout} for the loop to end; returns whether it has.
     *
     * @param timeout how long to wait at most
     * @return whether the loop has ended
     * @throws InterruptedException if this thread is interrupted while waiting
     */
    public boolean await(Duration timeout) throws InterruptedException {
        try {
            loop.stopped.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            // the outcome is failure()
        } catch (TimeoutException e) {
            return false;
        }
        return true;
    }

    /**
     * Why the loop ended, if not by TERMINATE: {@link io.github.zmqffm.ContextTerminatedException} after the
     * context's shutdown, or another {@link io.github.zmqffm.ZmqException}. Empty while running.
     */
    public Optional<Throwable> failure() {
        if (!loop.stopped.isCompletedExceptionally()) {
            return Optional.empty();
        }
        return Optional.of(loop.stopped.exceptionNow());
    }

    /**
     * Stops the proxy if it is running ({@link #terminate()}; after a context shutdown there is nothing to
     * send), then closes the control sockets and ends the helper threads. Bounded; idempotent. Throws
     * {@link IllegalStateException} as terminate() does if the loop will not end; the control sockets are
     * closed even then.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (bound != null) {
                terminateQuietlyOnEterm();
            }
        } finally {
            if (server != null) {
                server.stop();
            }
            control.close();
        }
    }

    private void terminateQuietlyOnEterm() {
        try {
            terminate();
        } catch (io.github.zmqffm.ContextTerminatedException e) {
            // The context is shutting down: the loop ends by itself with ETERM.
            try {
                await(STOP_TIMEOUT);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        throw new IllegalStateException(t);
    }

    @Override
    public String toString() {
        return "RunningProxy[" + (bound == null ? "starting" : bound.frontend() + " <-> " + bound.backend())
                + (isRunning() ? "" : ", stopped") + "]";
    }
}
