package io.github.zmqffm.proxy;

import io.github.zmqffm.internal.Errors;
import io.github.zmqffm.internal.LibZmq;
import io.github.zmqffm.internal.LibZmqControl;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/** libzmq's own forwarding loop, {@code zmq_proxy_steerable}, run in the calling thread until it returns. */
final class NativeProxy {

    private static final System.Logger LOG = System.getLogger(Proxy.class.getName());

    private NativeProxy() {}

    /**
     * Runs {@code zmq_proxy_steerable} over the native sockets until TERMINATE arrives on {@code control} (returns
     * normally) or it fails ({@link io.github.zmqffm.ZmqException}; ETERM as
     * {@link io.github.zmqffm.ContextTerminatedException}). {@code capture} may be {@link MemorySegment#NULL}.
     */
    static void run(MemorySegment frontend, MemorySegment backend, MemorySegment capture, MemorySegment control) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = arena.allocate(LibZmq.CAPTURE_LAYOUT);
            for (;;) {
                if (LibZmqControl.proxySteerable(errno, frontend, backend, capture, control) == 0) {
                    return; // TERMINATE
                }
                int e = LibZmq.errno(errno);
                if (e != Errors.EINTR) {
                    throw Errors.exception("zmq_proxy_steerable", null, e);
                }
                // A signal interrupted libzmq's poll, which ends its loop: enter it again. libzmq kept the
                // counters and the paused state on its stack, so both start over.
                LOG.log(System.Logger.Level.WARNING, "zmq_proxy_steerable was interrupted by a signal; "
                        + "restarting it (its statistics restart from zero and a pause is lifted)");
            }
        }
    }
}
