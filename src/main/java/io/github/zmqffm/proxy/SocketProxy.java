package io.github.zmqffm.proxy;

import io.github.zmqffm.Errno;
import io.github.zmqffm.Frames;
import io.github.zmqffm.Poller;
import io.github.zmqffm.SendFlag;
import io.github.zmqffm.Socket;
import io.github.zmqffm.SocketOption;
import io.github.zmqffm.SocketType;
import io.github.zmqffm.ZmqException;
import io.github.zmqffm.internal.LibZmq;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * libzmq's proxy over sockets the caller already made (JeroMQ's {@code ZMQ.proxy}, pyzmq's {@code zmq.proxy} and
 * {@code zmq.proxy_steerable}): it forwards every message from the frontend to the backend and back, and copies each
 * to the capture socket if there is one, until it is told to stop. Where {@link Proxy} describes its sockets and
 * makes them in a thread of its own, this runs over the caller's, in the caller's thread, and blocks.
 *
 * <pre>{@code
 * try (Socket frontend = context.socket(SocketType.XSUB); Socket backend = context.socket(SocketType.XPUB)) {
 *     frontend.connect("tcp://127.0.0.1:5556");
 *     backend.bind("tcp://*:5557");
 *     SocketProxy.run(frontend, backend, null);       // until the context is shut down, or an interrupt
 * }
 * }</pre>
 *
 * <p><b>How it runs.</b> The forwarding is libzmq's native {@code zmq_proxy_steerable}, on a helper thread that takes
 * the frontend, backend and capture sockets over while it runs (libzmq lets a socket move between threads with a
 * full memory barrier; the caller's thread does not touch them meanwhile, and gets them back when the call returns).
 * The caller's thread reads the control socket and checks each command before passing it on: libzmq 4.3.4 aborts
 * the whole process on one it does not know.
 *
 * <p><b>How it ends.</b> Normally after TERMINATE on the control socket. With ETERM
 * ({@link io.github.zmqffm.ContextTerminatedException}) when the context is shut down or closed. If the calling
 * thread is interrupted while waiting (the wait ends with an interrupt, or one is seen between waits), the proxy is
 * told TERMINATE and the call returns once it has stopped, with the interrupt status set; the capture socket then
 * sees that TERMINATE, as it sees every command. The call returns only once libzmq's loop has ended, so a loop
 * blocked sending to a peer or capture socket that never reads ends only with the context's shutdown.
 *
 * <p><b>Control.</b> Commands are one-frame messages: PAUSE, RESUME, TERMINATE, STATISTICS (see
 * {@link ControlCommand}). STATISTICS is answered on the control socket with libzmq's eight frames
 * ({@link Statistics#fromFrames}). A REP control socket, which must answer every request, also gets "OK" for the
 * other commands (for PAUSE and RESUME once libzmq has acted on them) and "ERROR reason" for anything else; on other
 * types an unknown message is dropped and logged, and PAUSE and RESUME take effect a moment later (send STATISTICS
 * after one and wait for the answer to know it has).
 */
public final class SocketProxy {

    private static final System.Logger LOG = System.getLogger(SocketProxy.class.getName());
    private static final AtomicLong IDS = new AtomicLong();
    private static final Duration FOREVER = Duration.ofMillis(-1);
    private static final byte[] OK = "OK".getBytes(StandardCharsets.US_ASCII);

    private SocketProxy() {}

    /** {@code zmq_proxy(frontend, backend, NULL)}: see {@link #run(Socket, Socket, Socket)}. */
    public static void run(Socket frontend, Socket backend) {
        run(frontend, backend, null);
    }

    /**
     * {@code zmq_proxy}: forwards between {@code frontend} and {@code backend}, copying every frame to
     * {@code capture} (null: none), until the context is terminated ({@link io.github.zmqffm.ContextTerminatedException})
     * or the calling thread is interrupted (returns, interrupt status set). See the class comment.
     */
    public static void run(Socket frontend, Socket backend, Socket capture) {
        runSteerable(frontend, backend, capture, null);
    }

    /**
     * {@code zmq_proxy_steerable}: as {@link #run(Socket, Socket, Socket)}, steered by the commands arriving on
     * {@code control} (null: none), and ending normally after TERMINATE. All four sockets must be the caller's
     * (made or handed over to this thread) and from one context. Errors: {@link ZmqException} from libzmq (ETERM as
     * {@link io.github.zmqffm.ContextTerminatedException}); {@link IllegalStateException} for a closed socket.
     */
    public static void runSteerable(Socket frontend, Socket backend, Socket capture, Socket control) {
        Objects.requireNonNull(frontend, "frontend");
        Objects.requireNonNull(backend, "backend");
        MemorySegment frontendHandle = frontend.handle();
        MemorySegment backendHandle = backend.handle();
        MemorySegment captureHandle = capture == null ? MemorySegment.NULL : capture.handle();
        long id = IDS.incrementAndGet();
        String endpoint = "inproc://zmq-ffm.socket-proxy." + id + "." + System.identityHashCode(frontend);
        try (Socket steering = frontend.context().socket(SocketType.PAIR);
             Socket relay = frontend.context().socket(SocketType.PAIR); Poller poller = new Poller()) {
            steering.set(SocketOption.LINGER, 0);
            relay.set(SocketOption.LINGER, 0);
            steering.bind(endpoint);
            relay.connect(endpoint);
            MemorySegment steeringHandle = steering.handle();
            Loop loop = new Loop(frontendHandle, backendHandle, captureHandle, steeringHandle);
            Thread thread = Thread.ofPlatform().daemon().name("zmq-ffm-socket-proxy-" + id).start(loop);
            try {
                new Relay(relay, control, poller).run();
            } finally {
                awaitEnd(thread, relay);
            }
            loop.rethrow();
        }
    }

    /** The helper thread: libzmq's loop, then an empty frame on the steering pipe to say it has returned. */
    private static final class Loop implements Runnable {
        private final MemorySegment frontend;
        private final MemorySegment backend;
        private final MemorySegment capture;
        private final MemorySegment steering;
        private volatile RuntimeException failure;

        Loop(MemorySegment frontend, MemorySegment backend, MemorySegment capture, MemorySegment steering) {
            this.frontend = frontend;
            this.backend = backend;
            this.capture = capture;
            this.steering = steering;
        }

        @Override
        public void run() {
            try {
                NativeProxy.run(frontend, backend, capture, steering);
            } catch (RuntimeException e) {
                failure = e;
            } finally {
                // This thread is libzmq's user of the steering socket until it ends, hence the raw call.
                try (Arena arena = Arena.ofConfined()) {
                    LibZmq.send(arena.allocate(LibZmq.CAPTURE_LAYOUT), steering, MemorySegment.NULL, 0,
                            SendFlag.DONTWAIT.bits()); // fails only with ETERM, which wakes the relay anyway
                }
            }
        }

        void rethrow() {
            if (failure != null) {
                throw failure;
            }
        }
    }

    /** The caller's side: passes checked commands from the control socket to libzmq and its answers back. */
    private static final class Relay {
        private final Socket relay;
        private final Socket control;
        private final Poller poller;
        private final int relayIndex;
        private final int controlIndex;
        private boolean interrupted;
        private boolean terminating;
        /** Statistics asked for only to learn that libzmq has acted on a PAUSE or RESUME: answered "OK". */
        private int syncs;

        Relay(Socket relay, Socket control, Poller poller) {
            this.relay = relay;
            this.control = control;
            this.poller = poller;
            relayIndex = poller.register(relay, Poller.POLLIN);
            controlIndex = control == null ? -1 : poller.register(control, Poller.POLLIN);
        }

        /** Until libzmq's loop has returned. */
        void run() {
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

        /** An interrupt: tell libzmq to stop, then keep waiting (uninterrupted) until it has. */
        private void stopForInterrupt() {
            interrupted = true;
            if (!terminating) {
                terminating = true;
                relay.send(ControlCommand.TERMINATE.wire(), SendFlag.DONTWAIT);
            }
        }

        /** A message from libzmq's side: the empty frame that says it returned (true), or STATISTICS. */
        private boolean fromLibzmq() {
            Frames frames = relay.recvMultipart();
            if (frames.size() == 1 && frames.get(0).length == 0) {
                return true;
            }
            if (syncs > 0) {
                syncs--;
                answer(List.of(OK));
            } else if (control != null) {
                answer(frames.asList());
            }
            return false;
        }

        private void fromControl(Frames request) {
            Optional<ControlCommand> command = ControlCommand.of(request);
            boolean rep = control.type() == SocketType.REP;
            if (command.isEmpty()) {
                LOG.log(System.Logger.Level.WARNING, "proxy control: " + ControlCommand.rejection(request)
                        + (rep ? "" : "; dropped"));
                if (rep) {
                    answer(List.of(("ERROR " + ControlCommand.rejection(request)).getBytes(StandardCharsets.UTF_8)));
                }
                return;
            }
            terminating |= command.get() == ControlCommand.TERMINATE;
            relay.send(command.get().wire());
            if (rep && command.get() == ControlCommand.TERMINATE) {
                answer(List.of(OK));
            } else if (rep && command.get() != ControlCommand.STATISTICS) {
                relay.send(ControlCommand.STATISTICS.wire()); // answered "OK" once libzmq has acted on the command
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
    }

    /**
     * Makes sure libzmq's loop ends (TERMINATE, in case the relay stopped on an error) and waits for it: the caller's
     * sockets must not be handed back while it still uses them.
     */
    private static void awaitEnd(Thread thread, Socket relay) {
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                relay.send(ControlCommand.TERMINATE.wire(), SendFlag.DONTWAIT);
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
