package io.github.zmqffm;

/**
 * A libzmq call failed. The message names the call, its argument and the error, and adds what the errno alone does
 * not say where that is known (the REQ/REP order behind EFSM, what is wrong with an endpoint), e.g.
 * {@code bind(tcp://127.0.0.1): Invalid argument - no port: write tcp://host:port (or host:* for a free port)
 * (EINVAL, errno 22)}.
 *
 * <p>EAGAIN from a non-blocking call is never raised: those calls return {@code false}, {@code -1} or
 * {@code null}. EINTR is retried inside. ETERM is raised as {@link ContextTerminatedException}.
 */
public class ZmqException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int errno;

    /** Creates the exception for a failed call; {@code description} is libzmq's {@code zmq_strerror} text. */
    public ZmqException(String call, String argument, int errno, String description) {
        super(call + (argument == null ? "" : "(" + argument + ")") + ": " + description + " ("
                + Errno.of(errno).name() + ", errno " + errno + ")");
        this.errno = errno;
    }

    /** The raw errno value libzmq reported. */
    public int errno() {
        return errno;
    }

    /** The errno by name ({@link Errno#UNKNOWN} when this table does not know it). */
    public Errno error() {
        return Errno.of(errno);
    }
}
