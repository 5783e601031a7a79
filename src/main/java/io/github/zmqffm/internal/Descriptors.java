package io.github.zmqffm.internal;

import io.github.zmqffm.Errno;

/**
 * Asks the kernel about file descriptors where libzmq would abort on a bad answer: whether a descriptor is a
 * listening socket, whether a socket priority is allowed, whether descriptors are left. Linux and macOS
 * ({@link Posix}); elsewhere (Windows) descriptors cannot be checked. Opens and closes only its own descriptors.
 */
public final class Descriptors {

    private static final boolean LINUX = Platform.current().os().equals("linux");

    private Descriptors() {}

    /** Whether this platform's descriptors can be checked (Linux, macOS). */
    public static boolean checkable() {
        return Posix.SUPPORTED;
    }

    /**
     * Opens and closes {@code count} descriptors: 0 when that worked, else the errno of the failed open (EMFILE or
     * ENFILE when the process or system is out of them). Not {@link #checkable()}: 0.
     */
    public static int tryOpen(int count) {
        if (!Posix.SUPPORTED) {
            return 0;
        }
        int[] opened = new int[count];
        int failure = 0;
        int open = 0;
        while (open < count) {
            int fd = Posix.open("/dev/null", Posix.O_RDONLY | Posix.O_CLOEXEC);
            if (fd < 0) {
                failure = -fd;
                break;
            }
            opened[open++] = fd;
        }
        for (int i = 0; i < open; i++) {
            Posix.close(opened[i]);
        }
        return failure;
    }

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
