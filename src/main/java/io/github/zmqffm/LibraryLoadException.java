package io.github.zmqffm;

/**
 * libzmq could not be loaded. The message lists every attempt the loader made and how to fix the
 * most likely cause; each failed attempt is attached as a suppressed exception.
 */
public final class LibraryLoadException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception with the full, multi-line explanation. */
    public LibraryLoadException(String message) {
        super(message);
    }
}
