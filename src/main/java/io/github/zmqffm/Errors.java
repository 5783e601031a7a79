package io.github.zmqffm;

import io.github.zmqffm.lib.zmq_h;

/** The one place where a libzmq errno becomes a Java exception. */
final class Errors {

    /** EAGAIN on this platform: a result (false, -1, null), never an exception. */
    static final int EAGAIN = Errno.EAGAIN.code();
    /** EINTR on this platform: retried by the caller. */
    static final int EINTR = Errno.EINTR.code();
    private static final int ETERM = zmq_h.ETERM();

    private Errors() {}

    /**
     * The exception for {@code call(argument)} failing with {@code errno}; its message adds what the errno alone
     * does not say where {@link ErrorHints} knows it (REQ/REP order, a malformed endpoint).
     */
    static ZmqException exception(String call, Object argument, int errno) {
        String arg = argument == null ? null : String.valueOf(argument);
        String hint = ErrorHints.of(call, argument, errno);
        String description = LibZmqControl.strerror(errno) + (hint == null ? "" : " - " + hint);
        return errno == ETERM
                ? new ContextTerminatedException(call, arg, errno, description)
                : new ZmqException(call, arg, errno, description);
    }
}
