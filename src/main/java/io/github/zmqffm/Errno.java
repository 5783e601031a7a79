package io.github.zmqffm;

import io.github.zmqffm.internal.Platform;
import io.github.zmqffm.lib.zmq_h;

/**
 * The error numbers libzmq reports, by name. The numbers are the platform's {@code errno.h} values (Linux and
 * macOS are known here), except libzmq's own ({@link #EFSM}, {@link #ENOCOMPATPROTO}, {@link #ETERM},
 * {@link #EMTHREAD}), which are the same everywhere.
 */
public enum Errno {
    EPERM(1, 1), ENOENT(2, 2), EINTR(4, 4), EIO(5, 5), EBADF(9, 9), EAGAIN(11, 35), ENOMEM(12, 12),
    EACCES(13, 13), EFAULT(14, 14), EBUSY(16, 16), EEXIST(17, 17), ENODEV(19, 19), EINVAL(22, 22),
    EMFILE(24, 24), ENOSPC(28, 28), ENAMETOOLONG(36, 63), ENOTSOCK(88, 38), EMSGSIZE(90, 40),
    EPROTONOSUPPORT(93, 43), ENOTSUP(95, 45), EAFNOSUPPORT(97, 47), EADDRINUSE(98, 48), EADDRNOTAVAIL(99, 49),
    ENETDOWN(100, 50), ENETUNREACH(101, 51), ENETRESET(102, 52), ECONNABORTED(103, 53), ECONNRESET(104, 54),
    ENOBUFS(105, 55), ENOTCONN(107, 57), ETIMEDOUT(110, 60), ECONNREFUSED(111, 61), EHOSTUNREACH(113, 65),
    EINPROGRESS(115, 36),
    /** The operation cannot be accomplished in the socket's current state (e.g. REQ sending twice). */
    EFSM(zmq_h.EFSM()),
    /** The requested transport protocol is not compatible with the socket type. */
    ENOCOMPATPROTO(zmq_h.ENOCOMPATPROTO()),
    /** The context was terminated; raised as {@link ContextTerminatedException}. */
    ETERM(zmq_h.ETERM()),
    /** No I/O thread is available. */
    EMTHREAD(zmq_h.EMTHREAD()),
    /** A number this table does not name; {@link ZmqException#errno()} keeps the raw value. */
    UNKNOWN(-1);

    private static final boolean DARWIN = Platform.current().os().equals("osx");

    private final int linux;
    private final int darwin;

    Errno(int linux, int darwin) {
        this.linux = linux;
        this.darwin = darwin;
    }

    Errno(int everywhere) {
        this(everywhere, everywhere);
    }

    /** The number on this platform. */
    public int code() {
        return DARWIN ? darwin : linux;
    }

    /** The name for a raw errno value, or {@link #UNKNOWN}. */
    public static Errno of(int code) {
        for (Errno errno : values()) {
            if (errno.code() == code) {
                return errno;
            }
        }
        return UNKNOWN;
    }
}
