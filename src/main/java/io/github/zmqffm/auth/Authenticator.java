package io.github.zmqffm.auth;

import io.github.zmqffm.Context;
import io.github.zmqffm.ContextTerminatedException;
import io.github.zmqffm.Errno;
import io.github.zmqffm.Socket;
import io.github.zmqffm.SocketOption;
import io.github.zmqffm.SocketType;
import io.github.zmqffm.ZmqException;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A ZAP handler (RFC 27) for one {@link Context}: czmq's {@code zauth}, pyzmq's {@code ThreadAuthenticator} and
 * JeroMQ's {@code ZAuth} for zmq-ffm. It binds a REP socket to {@value #ZAP_ENDPOINT} in the context, where
 * libzmq sends a request for every handshake of a PLAIN or CURVE server socket, and of a NULL server socket that
 * has a {@link SocketOption#ZAP_DOMAIN}; it answers from the {@link Policy} of the request's domain, or the
 * default policy.
 *
 * <pre>{@code
 * try (Authenticator auth = Authenticator.start(context, Policy.create()
 *         .allow("10.0.0.5", "10.0.0.6")
 *         .curveCertificates(Path.of("/etc/myservice/clients")))) {
 *     Socket server = context.socket(SocketType.ROUTER);
 *     Certificate.load(Path.of("/etc/myservice/server.key_secret")).apply(server);
 *     server.set(SocketOption.CURVE_SERVER, true);
 *     server.bind("tcp://*:5555");
 *     ...  // msg.gets("User-Id"), msg.gets("name") tell who sent a message
 * }
 * }</pre>
 *
 * <p>Every decision is logged through {@link System.Logger} {@code io.github.zmqffm.auth.Authenticator}
 * (allowed at DEBUG, denied at INFO, failures at WARNING; never a password or secret key) and counted
 * ({@link #statistics()}). The handler runs in a thread of its own and answers one request at a time; it stops
 * on {@link #close()} or when its context is shut down or closed. Configuration may change at any time from any
 * thread and applies from the next handshake.
 *
 * <p><b>What libzmq 4.3.4 does without a handler, or with a slow one</b> ({@code ZapAbsenceTest} shows each):
 * <ul>
 *   <li>No handler bound in the context (none started, or closed): a PLAIN server refuses every client; a CURVE
 *       server accepts every client that knows its public key (encryption without authentication); a NULL server
 *       accepts everyone, ZAP_DOMAIN or not.</li>
 *   <li>{@link SocketOption#ZAP_ENFORCE_DOMAIN} (draft) together with a ZAP_DOMAIN makes CURVE and NULL servers
 *       refuse every client while no handler is bound: set both on servers that must never run
 *       unauthenticated. ZAP_ENFORCE_DOMAIN without a ZAP_DOMAIN is a trap: a CURVE server then never asks ZAP
 *       (it accepts every client even with a handler), and a PLAIN server aborts the whole process at the first
 *       handshake (a libzmq assertion).</li>
 *   <li>A slow handler: each handshake waits for its reply, bounded only by the server's
 *       {@link SocketOption#HANDSHAKE_IVL} (default 30 s); then the connection is dropped
 *       ({@code MonitorEvent.Type.HANDSHAKE_FAILED_NO_DETAIL}) and the client reconnects. This handler answers
 *       from memory, or after a directory listing (and reading changed files) for certificates and passwords.</li>
 *   <li>Status 300 (here: a password file or certificate directory unreadable): the client is disconnected
 *       without an ERROR and reconnects after its reconnect interval; 400 and 500: an ERROR is sent, the
 *       handshake fails, and a libzmq 4.3.4 client does not reconnect to that endpoint again (a protocol error
 *       ends its session). The server sees {@code MonitorEvent.Type.HANDSHAKE_FAILED_AUTH} with the status.</li>
 *   <li>Only a REP, ROUTER or (draft) SERVER socket may be bound at {@value #ZAP_ENDPOINT}: libzmq aborts the
 *       process at the next handshake if another type is.</li>
 * </ul>
 */
public final class Authenticator implements AutoCloseable {

    /** Where libzmq looks for the ZAP handler of a context. */
    public static final String ZAP_ENDPOINT = "inproc://zeromq.zap.01";

    private static final System.Logger LOG = System.getLogger(Authenticator.class.getName());
    private static final AtomicInteger IDS = new AtomicInteger();
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);
    private static final String TERM = "$TERM";

    private final Context context;
    private final Map<String, Policy> domains = new ConcurrentHashMap<>();
    private volatile Policy defaultPolicy;
    private final AuthStatistics.Counters counters = new AuthStatistics.Counters();
    private final String controlEndpoint;
    private final CompletableFuture<Void> ready = new CompletableFuture<>();
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();
    private final Thread thread;
    private boolean closed;  // guarded by this

    private Authenticator(Context context, Policy defaultPolicy) {
        this.context = Objects.requireNonNull(context, "context");
        this.defaultPolicy = Objects.requireNonNull(defaultPolicy, "defaultPolicy");
        int id = IDS.incrementAndGet();
        this.controlEndpoint = "inproc://zmq-ffm-authenticator-" + id + "-" + System.identityHashCode(this);
        this.thread = Thread.ofPlatform().daemon().name("zmq-ffm-authenticator-" + id).unstarted(this::run);
    }

    /** Starts an authenticator with {@link Policy#create()} as the default: NULL allowed, PLAIN and CURVE denied. */
    public static Authenticator start(Context context) {
        return start(context, Policy.create());
    }

    /**
     * Starts an authenticator for {@code context} with {@code defaultPolicy} for every domain not
     * {@linkplain #configure configured}; returns once it is bound. Throws {@link IllegalStateException} if the
     * context already has a ZAP handler (one per context), {@link ContextTerminatedException} if it is shut down.
     */
    public static Authenticator start(Context context, Policy defaultPolicy) {
        Authenticator authenticator = new Authenticator(context, defaultPolicy);
        authenticator.thread.start();
        try {
            authenticator.ready.join();
        } catch (CompletionException e) {
            authenticator.awaitStop();
            if (e.getCause() instanceof ZmqException z && z.error() == Errno.EADDRINUSE) {
                throw new IllegalStateException("this context already has a ZAP handler at " + ZAP_ENDPOINT
                        + " (one Authenticator per context)", z);
            }
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
        LOG.log(System.Logger.Level.DEBUG, () -> "ZAP handler started, default " + defaultPolicy);
        return authenticator;
    }

    /** Uses {@code policy} for requests of ZAP domain {@code domain} (a server socket's ZAP_DOMAIN) from now on. */
    public void configure(String domain, Policy policy) {
        domains.put(Objects.requireNonNull(domain, "domain"), Objects.requireNonNull(policy, "policy"));
    }

    /** Uses {@code policy} for every domain not {@linkplain #configure configured}, including "" (no ZAP_DOMAIN). */
    public void configureDefault(Policy policy) {
        defaultPolicy = Objects.requireNonNull(policy, "policy");
    }

    /** The policy that applies to {@code domain} now. */
    public Policy policy(String domain) {
        return domains.getOrDefault(domain, defaultPolicy);
    }

    /** The decisions so far; still readable after {@link #close()}. */
    public AuthStatistics statistics() {
        return counters.snapshot();
    }

    /** The context this authenticator serves. */
    public Context context() {
        return context;
    }

    /** Whether the handler still answers (not closed, context not terminated). */
    public boolean isRunning() {
        return !stopped.isDone();
    }

    /**
     * Stops the handler and waits (at most 5 s) until its sockets are closed. From then on the context has no ZAP
     * handler (see the class comment for what libzmq does then). Idempotent; safe after the context closed.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        if (!stopped.isDone()) {
            try (Socket stop = context.socket(SocketType.PUSH)) {
                stop.set(SocketOption.LINGER, (int) STOP_TIMEOUT.toMillis());
                stop.set(SocketOption.SNDTIMEO, (int) STOP_TIMEOUT.toMillis());
                stop.connect(controlEndpoint);
                stop.send(TERM);
            } catch (ContextTerminatedException | IllegalStateException contextClosing) {
                // the context is shutting down: the handler ends by itself with ETERM
            }
        }
        awaitStop();
    }

    private void awaitStop() {
        try {
            thread.join(STOP_TIMEOUT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.log(System.Logger.Level.WARNING, "the ZAP handler did not stop within " + STOP_TIMEOUT.toSeconds() + " s");
        }
    }

    // The handler thread: creates, uses and closes both sockets (libzmq sockets belong to one thread).
    private void run() {
        Socket zap = null;
        Socket control = null;
        try {
            zap = context.socket(SocketType.REP);
            zap.set(SocketOption.LINGER, 0);
            zap.bind(ZAP_ENDPOINT);
            control = context.socket(SocketType.PULL);
            control.set(SocketOption.LINGER, 0);
            control.bind(controlEndpoint);
            ready.complete(null);
            new ZapService(this::policy, counters).serve(zap, control);
        } catch (RuntimeException | Error e) {
            if (!ready.completeExceptionally(e)) {
                LOG.log(System.Logger.Level.ERROR, "the ZAP handler failed; handshakes get no answer now", e);
            }
        } finally {
            if (control != null) {
                control.close();
            }
            if (zap != null) {
                zap.close();
            }
            stopped.complete(null);
            LOG.log(System.Logger.Level.DEBUG, "ZAP handler stopped");
        }
    }

    @Override
    public String toString() {
        return "Authenticator[" + (isRunning() ? "running" : "stopped") + ", default " + defaultPolicy
                + (domains.isEmpty() ? "" : ", domains " + domains.keySet()) + "]";
    }
}
