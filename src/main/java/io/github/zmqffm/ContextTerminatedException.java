package io.github.zmqffm;

/**
 * The socket's context was shut down or terminated (ETERM): a blocked or later call on the socket returns
 * this. The usual reaction is to close the socket and let the thread end.
 */
public final class ContextTerminatedException extends ZmqException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception for the call that saw ETERM. */
    public ContextTerminatedException(String call, String argument, int errno, String description) {
        super(call, argument, errno, description);
    }
}
