package io.github.zmqffm;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.ref.Reference;

/** {@code zmq_proxy_steerable} over caller-made sockets, behind {@link Zmq#proxySteerable}. */
final class ProxyLoop {

    private static final System.Logger LOG = System.getLogger(Zmq.class.getName());

    private ProxyLoop() {}

    static void run(Socket frontend, Socket backend, Socket capture, Socket control) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = arena.allocate(LibZmq.CAPTURE_LAYOUT);
            for (;;) {
                if (LibZmqControl.proxySteerable(errno, frontend.handle(), backend.handle(), handleOf(capture),
                        handleOf(control)) == 0) {
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
        } finally {
            Reference.reachabilityFence(frontend);
            Reference.reachabilityFence(backend);
            Reference.reachabilityFence(capture);
            Reference.reachabilityFence(control);
        }
    }

    private static MemorySegment handleOf(Socket socket) {
        return socket == null ? MemorySegment.NULL : socket.handle();
    }
}
