package io.github.zmqffm.internal;

import io.github.zmqffm.Errno;

/**
 * Asks the kernel about socket descriptors before libzmq is handed them, where libzmq would abort on a bad one.
 * Linux and macOS ({@link Posix}); elsewhere (Windows) descriptors cannot be checked and are refused.
 */
public final class OsSockets {

    private static final boolean LINUX = Platform.current().os().equals("linux");

    private OsSockets() {}

    /**
     * Throws IllegalArgumentException, starting with {@code what}, unless {@code fd} is an open stream socket that
     * is listening: ZMQ_USE_FD makes libzmq add it to epoll and accept() on it, and it aborts when either fails.
     */
    public static void requireListeningStream(String what, int fd) {
        if (!Posix.SUPPORTED) {
            throw new UnsupportedOperationException(what + ": descriptors are checked only on Linux and macOS, and"
                    + " an unchecked one can abort libzmq, so ZMQ_USE_FD is refused on " + Platform.current().os());
        }
        int type = Posix.getsockoptInt(fd, Posix.SOL_SOCKET, Posix.SO_TYPE);
        if (type < 0) {
            throw new IllegalArgumentException(what + ": not an open socket (" + Errno.of(-type).name() + ")");
        }
        if (type != Posix.SOCK_STREAM) {
            throw new IllegalArgumentException(what + ": not a stream socket (SO_TYPE " + type + "); libzmq listens on"
                    + " SOCK_STREAM sockets only");
        }
        int listening = Posix.getsockoptInt(fd, Posix.SOL_SOCKET, Posix.SO_ACCEPTCONN);
        if (listening <= 0) {
            throw new IllegalArgumentException(what + ": the socket is not listening; bind and listen() it first");
        }
    }

    /**
     * Whether this process may give a socket SO_PRIORITY {@code priority} (Linux needs CAP_NET_ADMIN or CAP_NET_RAW
     * above 6),
     * tried on a throwaway socket. True where libzmq does not apply ZMQ_PRIORITY (not Linux).
     */
    public static boolean priorityPermitted(int priority) {
        if (!LINUX) {
            return true;
        }
        int fd = Posix.socket(Posix.AF_INET, Posix.SOCK_STREAM);
        if (fd < 0) {
            return true; // no socket to try it on (EMFILE...): libzmq will not get one to apply it to either
        }
        try {
            return Posix.setsockoptInt(fd, Posix.SOL_SOCKET, Posix.SO_PRIORITY, priority) == 0;
        } finally {
            Posix.close(fd);
        }
    }
}
