package io.github.zmqffm.proxy;

import io.github.zmqffm.Context;

import java.time.Duration;
import java.util.Objects;

/**
 * A libzmq proxy ({@code zmq_proxy_steerable}): it forwards every message from the frontend to the backend
 * and back, copies each to the optional capture socket, and can be paused, resumed, asked for its counters and
 * stopped. The forwarding loop is libzmq's own, in native code; Java only sets it up and steers it.
 *
 * <p>A {@code Proxy} is an immutable description; {@link #start()} creates the sockets in a new thread (libzmq
 * sockets belong to one thread) and returns a {@link RunningProxy}; {@link #run()} does the same and blocks.
 * Each socket gets ZMQ_LINGER {@linkplain #withLinger(Duration) 0 by default} (a stopped proxy drops what it
 * has not delivered) before its spec's own options.
 *
 * <pre>{@code
 * Proxy proxy = Proxy.of(context,
 *         SocketSpec.of(SocketType.ROUTER, "@tcp://*:5555"),
 *         SocketSpec.of(SocketType.DEALER, "@tcp://*:5556"));
 * try (RunningProxy running = proxy.start()) {
 *     ...
 *     System.out.println(running.statistics().toJson());
 * }
 * }</pre>
 *
 * <p>Notes from libzmq 4.3.4: the capture socket also receives the control commands (PAUSE, STATISTICS, ...)
 * as single frames; a capture socket that blocks (PUSH or PAIR whose reader is slow) stalls the whole proxy, a
 * PUB capture drops instead. Any socket pair works: {@link Device} checks the classic ones.
 */
public final class Proxy {

    private final Context context;
    private final SocketSpec frontend;
    private final SocketSpec backend;
    private final SocketSpec capture;
    private final Endpoint control;
    private final Duration linger;

    private Proxy(Context context, SocketSpec frontend, SocketSpec backend, SocketSpec capture, Endpoint control,
                  Duration linger) {
        this.context = Objects.requireNonNull(context, "context");
        this.frontend = Objects.requireNonNull(frontend, "frontend");
        this.backend = Objects.requireNonNull(backend, "backend");
        this.capture = capture;
        this.control = control;
        this.linger = Objects.requireNonNull(linger, "linger");
    }

    /** A proxy between {@code frontend} and {@code backend}, sockets made from {@code context}. */
    public static Proxy of(Context context, SocketSpec frontend, SocketSpec backend) {
        return new Proxy(context, frontend, backend, null, null, Duration.ZERO);
    }

    /** This proxy with a capture socket (PUB, PUSH, PAIR, DEALER...) that gets a copy of every frame. */
    public Proxy withCapture(SocketSpec capture) {
        return new Proxy(context, frontend, backend, Objects.requireNonNull(capture, "capture"), control, linger);
    }

    /**
     * This proxy with a remote control endpoint: a REP socket there takes PAUSE, RESUME, TERMINATE and
     * STATISTICS requests (one frame each) from REQ clients such as {@code zmqffm proxy-ctl}, and replies "OK",
     * the eight STATISTICS frames as libzmq sends them, or "ERROR reason" for anything else (never passed on:
     * libzmq 4.3.4 aborts on an unknown command). Bind it to 127.0.0.1 or ipc://: it is not authenticated.
     */
    public Proxy withControl(Endpoint control) {
        return new Proxy(context, frontend, backend, capture, Objects.requireNonNull(control, "control"), linger);
    }

    /** This proxy with ZMQ_LINGER {@code linger} on its sockets (negative: wait forever); default 0. */
    public Proxy withLinger(Duration linger) {
        return new Proxy(context, frontend, backend, capture, control, linger);
    }

    /** The context the sockets are made from. */
    public Context context() {
        return context;
    }

    /** The frontend socket's description. */
    public SocketSpec frontend() {
        return frontend;
    }

    /** The backend socket's description. */
    public SocketSpec backend() {
        return backend;
    }

    /** The capture socket's description, or null. */
    public SocketSpec capture() {
        return capture;
    }

    /** The remote control endpoint, or null. */
    public Endpoint control() {
        return control;
    }

    /** The ZMQ_LINGER given to the proxy's sockets. */
    public Duration linger() {
        return linger;
    }

    /**
     * Starts the proxy in a new thread, which creates, binds and connects the sockets, and returns once they
     * are ready. Errors while setting up (EADDRINUSE, EINVAL, ... as {@link io.github.zmqffm.ZmqException},
     * ETERM as {@link io.github.zmqffm.ContextTerminatedException}) are thrown here, with nothing left open.
     */
    public RunningProxy start() {
        return RunningProxy.start(this);
    }

    /**
     * Runs the proxy and blocks until it stops: TERMINATE on the {@linkplain #withControl control endpoint}
     * (returns normally) or the context's shutdown (throws {@link io.github.zmqffm.ContextTerminatedException},
     * as {@code zmq_proxy} returns ETERM). If the calling thread is interrupted the proxy is stopped, the
     * thread's interrupt flag set again, and the method returns. Setup errors as in {@link #start()}.
     */
    public void run() {
        try (RunningProxy running = start()) {
            try {
                running.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            running.failure().ifPresent(RunningProxy::rethrow);
        }
    }
}
