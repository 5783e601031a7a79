package io.github.zmqffm;

import io.github.zmqffm.internal.Descriptors;

import java.util.Set;

/**
 * ZMQ_USE_FD checked again at bind: the descriptor was a listening socket when the option was set, but it may have
 * been closed or its number reused for a pipe or a file since, and libzmq aborts when it adds that to epoll or
 * accepts on it.
 */
final class UseFdCheck {

    /** The transports whose listener takes ZMQ_USE_FD in libzmq 4.3.4 (tcp_listener, ipc_listener, ws_listener). */
    private static final Set<String> LISTENERS = Set.of("tcp", "ipc", "ws", "wss");

    private UseFdCheck() {}

    /** Throws IllegalStateException if binding {@code endpoint} would hand libzmq a USE_FD that is not listening. */
    static void beforeBind(Socket socket, String endpoint) {
        int scheme = endpoint.indexOf("://");
        if (scheme < 0 || !LISTENERS.contains(endpoint.substring(0, scheme))) {
            return;
        }
        int fd = socket.get(SocketOption.USE_FD);
        if (fd == -1) {
            return;
        }
        try {
            Descriptors.requireListeningStream("ZMQ_USE_FD=" + fd, fd);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("bind(" + endpoint + "): ZMQ_USE_FD=" + fd + " is no longer a listening"
                    + " socket (closed or reused since it was set: " + e.getMessage() + "); set SocketOption.USE_FD"
                    + " again, or to -1", e);
        }
    }
}
