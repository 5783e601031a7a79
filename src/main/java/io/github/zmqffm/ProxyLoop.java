package io.github.zmqffm;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.ref.Reference;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code zmq_proxy_steerable} over caller-made sockets, behind {@link Zmq#proxySteerable}. libzmq's loop runs on a
 * helper thread, steered through an inproc pair; the caller's thread relays its control socket to that pair,
 * checking each command first (libzmq 4.3.4 aborts the process on one it does not know), and notices interrupts.
 * Meanwhile the caller's thread counts a call on each proxied socket, so none can be closed or taken over under
 * libzmq; the helper thread uses them through their handles (libzmq lets a socket move between threads with a full
 * memory barrier: thread start and join) and the call returns only once libzmq has let go of them.
 */
final class ProxyLoop {

    private static final System.Logger LOG = System.getLogger(Zmq.class.getName());
    private static final AtomicLong IDS = new AtomicLong();
    private static final Duration FOREVER = Duration.ofMillis(-1);
    private static final List<String> COMMANDS = List.of("PAUSE", "RESUME", "TERMINATE", "STATISTICS");
    private static final byte[] TERMINATE = "TERMINATE".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] STATISTICS = "STATISTICS".getBytes(StandardCharsets.US_ASCII);
    private static final List<byte[]> OK = List.of("OK".getBytes(StandardCharsets.US_ASCII));

    private final Socket relay;
    private final Socket control;
    private final Poller poller;
    private final int relayIndex;
    private final int controlIndex;
    private boolean interrupted;
    private boolean terminating;
    /** STATISTICS asked for only to learn that libzmq has acted on a PAUSE or RESUME: answered "OK". */
    private int syncs;

    private ProxyLoop(Socket relay, Socket control, Poller poller) {
        this.relay = relay;
        this.control = control;
        this.poller = poller;
        relayIndex = poller.register(relay, Poller.POLLIN);
        controlIndex = control == null ? -1 : poller.register(control, Poller.POLLIN);
    }

    static void run(Socket frontend, Socket backend, Socket capture, Socket control) {
        Objects.requireNonNull(frontend, "frontend");
        Objects.requireNonNull(backend, "backend");
        Socket[] proxied = capture == null ? new Socket[] {frontend, backend} : new Socket[] {frontend, backend, capture};
        CallGuard.Owner[] tokens = new CallGuard.Owner[proxied.length];
        int entered = 0;
        long id = IDS.incrementAndGet();
        try (Socket steering = frontend.context().socket(SocketType.PAIR);
             Socket relay = frontend.context().socket(SocketType.PAIR); Poller poller = new Poller()) {
            steering.set(SocketOption.LINGER, 0);
            relay.set(SocketOption.LINGER, 0);
            String endpoint = "inproc://zmq-ffm.proxy-steering." + id + "." + System.identityHashCode(steering);
            steering.bind(endpoint);
            relay.connect(endpoint);
            ProxyLoop loop = new ProxyLoop(relay, control, poller);
            for (; entered < proxied.length; entered++) {
                tokens[entered] = proxied[entered].guard.enter();
            }
            Native forwarding = new Native(frontend.handle(), backend.handle(),
                    capture == null ? MemorySegment.NULL : capture.handle(), steering.handle());
            Thread thread = Thread.ofPlatform().daemon().name("zmq-ffm-proxy-loop-" + id).start(forwarding);
            try {
                loop.relay();
            } finally {
                awaitEnd(thread, relay);
            }
            forwarding.rethrow();
        } finally {
            for (int i = 0; i < entered; i++) {
                proxied[i].guard.exit(tokens[i]);
            }
            Reference.reachabilityFence(frontend);
            Reference.reachabilityFence(backend);
            Reference.reachabilityFence(capture);
        }
    }

    /** The helper thread: libzmq's loop, then an empty frame on the steering pipe to say that it has returned. */
    private static final class Native implements Runnable {
        private final MemorySegment frontend;
        private final MemorySegment backend;
        private final MemorySegment capture;
        private final MemorySegment steering;
        private volatile RuntimeException failure;

        Native(MemorySegment frontend, MemorySegment backend, MemorySegment capture, MemorySegment steering) {
            this.frontend = frontend;
            this.backend = backend;
            this.capture = capture;
            this.steering = steering;
        }

        @Override
        public void run() {
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment errno = arena.allocate(LibZmq.CAPTURE_LAYOUT);
                try {
                    steer(errno);
                } catch (RuntimeException e) {
                    failure = e;
                }
                // This thread is libzmq's user of the steering socket until it ends, hence the raw call; it fails
                // only with ETERM, which wakes the relay anyway.
                LibZmq.send(errno, steering, MemorySegment.NULL, 0, SendFlag.DONTWAIT.bits());
            }
        }

        private void steer(MemorySegment errno) {
            for (;;) {
                if (LibZmqControl.proxySteerable(errno, frontend, backend, capture, steering) == 0) {
                    return; // TERMINATE
                }
                int e = LibZmq.errno(errno);
                if (e != Errors.EINTR) {
                    throw Errors.exception("zmq_proxy_steerable", null, e);
                }
                // A signal ended libzmq's loop; its counters and pause state lived on its stack.
                LOG.log(System.Logger.Level.WARNING, "zmq_proxy_steerable was interrupted by a signal; "
                        + "restarting it (its statistics restart from zero and a pause is lifted)");
            }
        }

        void rethrow() {
            if (failure != null) {
                throw failure;
            }
        }
    }

    /** Until libzmq's loop has returned. */
    private void relay() {
        try {
            for (;;) {
                if (Thread.interrupted()) {
                    stopForInterrupt();
                }
                try {
                    poller.poll(FOREVER);
                } catch (ZmqException e) {
                    if (e.error() != Errno.EINTR) {
                        throw e;
                    }
                    Thread.interrupted();
                    stopForInterrupt();
                    continue;
                }
                if (poller.isReadable(relayIndex) && fromLibzmq()) {
                    return;
                }
                if (controlIndex >= 0 && poller.isReadable(controlIndex)) {
                    fromControl(control.recvMultipart());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** An interrupt: tell libzmq to stop, then keep waiting, uninterrupted, until it has. */
    private void stopForInterrupt() {
        interrupted = true;
        if (!terminating) {
            terminating = true;
            relay.send(TERMINATE, SendFlag.DONTWAIT);
        }
    }

    /** A message from libzmq's side: the empty frame that says it has returned (true), or STATISTICS. */
    private boolean fromLibzmq() {
        Frames frames = relay.recvMultipart();
        if (frames.size() == 1 && frames.get(0).length == 0) {
            return true;
        }
        if (syncs > 0) {
            syncs--;
            answer(OK);
        } else if (control != null) {
            answer(frames.asList());
        }
        return false;
    }

    private void fromControl(Frames request) {
        boolean rep = control.type() == SocketType.REP;
        String command = request.size() == 1 ? new String(request.get(0), StandardCharsets.ISO_8859_1) : null;
        if (command == null || !COMMANDS.contains(command)) {
            String rejection = "unknown command " + (command == null ? request.size() + " frames"
                    : "'" + command.substring(0, Math.min(32, command.length())).replaceAll("[^\\x20-\\x7e]", "?") + "'")
                    + "; expected one frame: PAUSE, RESUME, TERMINATE or STATISTICS";
            LOG.log(System.Logger.Level.WARNING, "proxy control: " + rejection + (rep ? "" : "; dropped"));
            if (rep) {
                answer(List.of(("ERROR " + rejection).getBytes(StandardCharsets.UTF_8)));
            }
            return;
        }
        terminating |= command.equals("TERMINATE");
        relay.send(request.get(0));
        if (rep && command.equals("TERMINATE")) {
            answer(OK);
        } else if (rep && !command.equals("STATISTICS")) {
            relay.send(STATISTICS); // answered "OK" once libzmq has acted on the command
            syncs++;
        }
    }

    /** Sends a reply on the control socket; a type that cannot send (SUB, PULL) just logs it. */
    private void answer(List<byte[]> reply) {
        try {
            control.sendMultipart(reply);
        } catch (ZmqException e) {
            if (e.error() != Errno.ENOTSUP) {
                throw e;
            }
            LOG.log(System.Logger.Level.WARNING, "proxy control: a " + control.type()
                    + " socket cannot send the reply; dropped");
        }
    }

    /**
     * Makes sure libzmq's loop ends (TERMINATE, in case the relay stopped on an error) and waits for it: the caller's
     * sockets must not be handed back while it still uses them.
     */
    private static void awaitEnd(Thread thread, Socket relay) {
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                relay.send(TERMINATE, SendFlag.DONTWAIT);
            } catch (ZmqException e) {
                // ETERM: libzmq's loop is ending with it anyway
            }
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
