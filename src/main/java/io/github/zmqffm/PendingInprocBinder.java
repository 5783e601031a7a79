package io.github.zmqffm;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * One PAIR socket per context, made at the first connect to an inproc endpoint nothing has bound, that binds every
 * such endpoint just before the context shuts down. {@code zmq_ctx_term} would otherwise make a PAIR socket of its
 * own per pending connect and abort the process when it cannot (ctx.cpp:169: ZMQ_MAX_SOCKETS reached, or no file
 * descriptor left); made up front, a shortage fails that connect with EMFILE instead. Not a {@link Socket}: users
 * never see it, and it is not counted in {@link Context#openSockets()}. Used under {@link InprocPeers}' lock only.
 */
final class PendingInprocBinder {

    private static final System.Logger LOG = System.getLogger(PendingInprocBinder.class.getName());

    private final MemorySegment handle;

    private PendingInprocBinder(MemorySegment handle) {
        this.handle = handle;
    }

    /** Makes the socket, or throws the {@link ZmqException} of {@code zmq_socket} (EMFILE, ETERM) as {@code call}'s. */
    static PendingInprocBinder create(MemorySegment context, String call, String endpoint) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = arena.allocate(LibZmq.CAPTURE_LAYOUT);
            MemorySegment socket = LibZmqControl.socket(errno, context, SocketType.PAIR.value());
            if (socket.equals(MemorySegment.NULL)) {
                throw Errors.exception(call, endpoint, LibZmq.errno(errno), "a connect to an inproc endpoint"
                        + " nothing has bound needs one more socket of the context, made once, so that its"
                        + " termination can bind the endpoint (libzmq would abort the process there)");
            }
            return new PendingInprocBinder(socket);
        }
    }

    /** Binds {@code endpoint}, which connects the connects pending there; EADDRINUSE (bound since) is fine. */
    void bind(String endpoint) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = arena.allocate(LibZmq.CAPTURE_LAYOUT);
            if (LibZmqControl.bind(errno, handle, arena.allocateFrom(endpoint)) != 0
                    && LibZmq.errno(errno) != Errno.EADDRINUSE.code()) {
                LOG.log(System.Logger.Level.WARNING, "could not bind the pending inproc endpoint " + endpoint
                        + " before terminating its context: " + LibZmqControl.strerror(LibZmq.errno(errno)));
            }
        }
    }

    /** Closes the socket at once (it never sends): its endpoints are released and the pending peers let go. */
    void close() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = arena.allocate(LibZmq.CAPTURE_LAYOUT);
            MemorySegment linger = arena.allocateFrom(ValueLayout.JAVA_INT, 0);
            LibZmq.setsockopt(errno, handle, SocketOption.LINGER.code(), linger, 4);
            LibZmqControl.close(errno, handle);
        }
    }
}
