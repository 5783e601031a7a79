package io.github.zmqffm;

import io.github.zmqffm.internal.Platform;
import io.github.zmqffm.lib.zmq_h;

/**
 * The error numbers libzmq reports, by name: every one libzmq 4.3.4 sets or tests itself, and those its system
 * calls pass through ({@code socket}, {@code bind}, {@code connect}, {@code accept}, {@code read}, {@code write}),
 * which also reach {@link MonitorEvent#error()}. The numbers are the platform's {@code errno.h} values (Linux and
 * macOS are known here), except libzmq's own ({@link #EFSM}, {@link #ENOCOMPATPROTO}, {@link #ETERM},
 * {@link #EMTHREAD}), which are the same everywhere. On Linux {@link #EOPNOTSUPP} is the same number as
 * {@link #ENOTSUP}, so {@link #of(int)} answers {@code ENOTSUP} there.
 */
public enum Errno {
    /** Operation not permitted. */
    EPERM(1, 1),
    /** No such file, directory or endpoint. */
    ENOENT(2, 2),
    /** Interrupted by a signal (retried inside zmq-ffm). */
    EINTR(4, 4),
    /** Input/output error. */
    EIO(5, 5),
    /** Bad file descriptor. */
    EBADF(9, 9),
    /** Resource temporarily unavailable: the call would block (a result, never raised). */
    EAGAIN(11, 35),
    /** Out of memory. */
    ENOMEM(12, 12),
    /** Permission denied. */
    EACCES(13, 13),
    /** Bad address (e.g. an invalid socket). */
    EFAULT(14, 14),
    /** Device or resource busy. */
    EBUSY(16, 16),
    /** Already exists. */
    EEXIST(17, 17),
    /** No such device (e.g. a bad interface name). */
    ENODEV(19, 19),
    /** Not a directory (an ipc path through a file). */
    ENOTDIR(20, 20),
    /** Invalid argument. */
    EINVAL(22, 22),
    /** Too many open files in the system. */
    ENFILE(23, 23),
    /** Too many open files or sockets. */
    EMFILE(24, 24),
    /** No space left on device. */
    ENOSPC(28, 28),
    /** Read-only file system (an ipc path). */
    EROFS(30, 30),
    /** Broken pipe: the peer closed the connection (e.g. a non-ZeroMQ peer during the handshake). */
    EPIPE(32, 32),
    /** Result out of range. */
    ERANGE(34, 34),
    /** Name too long (e.g. an ipc path). */
    ENAMETOOLONG(36, 63),
    /** Too many symbolic links (an ipc path). */
    ELOOP(40, 62),
    /** Protocol error (a malformed ZMTP or security handshake, or {@code accept} failing). */
    EPROTO(71, 100),
    /** Not a socket. */
    ENOTSOCK(88, 38),
    /** Message too long. */
    EMSGSIZE(90, 40),
    /** Wrong protocol type for socket. */
    EPROTOTYPE(91, 41),
    /** Protocol not available (an unsupported OS socket option). */
    ENOPROTOOPT(92, 42),
    /** Transport protocol not supported. */
    EPROTONOSUPPORT(93, 43),
    /** Socket type not supported. */
    ESOCKTNOSUPPORT(94, 44),
    /** Operation not supported. */
    ENOTSUP(95, 45),
    /** Operation not supported on socket (Linux: the same number as {@link #ENOTSUP}). */
    EOPNOTSUPP(95, 102),
    /** Address family not supported. */
    EAFNOSUPPORT(97, 47),
    /** Address already in use. */
    EADDRINUSE(98, 48),
    /** Address not available. */
    EADDRNOTAVAIL(99, 49),
    /** Network is down. */
    ENETDOWN(100, 50),
    /** Network is unreachable. */
    ENETUNREACH(101, 51),
    /** Connection reset by the network. */
    ENETRESET(102, 52),
    /** Connection aborted. */
    ECONNABORTED(103, 53),
    /** Connection reset by peer. */
    ECONNRESET(104, 54),
    /** No buffer space available. */
    ENOBUFS(105, 55),
    /** Already connected. */
    EISCONN(106, 56),
    /** Not connected. */
    ENOTCONN(107, 57),
    /** Timed out. */
    ETIMEDOUT(110, 60),
    /** Connection refused. */
    ECONNREFUSED(111, 61),
    /** Host is down. */
    EHOSTDOWN(112, 64),
    /** Host is unreachable (e.g. ROUTER_MANDATORY with an unknown peer). */
    EHOSTUNREACH(113, 65),
    /** A connection is already in progress. */
    EALREADY(114, 37),
    /** Operation in progress. */
    EINPROGRESS(115, 36),
    /**
     * The operation cannot be accomplished in the socket's current state: a REQ socket must alternate send and
     * receive starting with a send, a REP socket alternates starting with a receive.
     */
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
