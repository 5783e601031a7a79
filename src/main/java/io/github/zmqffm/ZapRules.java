package io.github.zmqffm;

import java.util.Set;

/**
 * ZAP configurations that libzmq accepts but then aborts the process on (a failed assertion at the first
 * handshake), refused when the socket binds or connects instead.
 */
final class ZapRules {

    /** libzmq's ZAP endpoint: it asserts that whatever is bound there is a REP, ROUTER or SERVER. */
    static final String ZAP_ENDPOINT = "inproc://zeromq.zap.01";
    private static final Set<SocketType> ZAP_HANDLER_TYPES = Set.of(SocketType.REP, SocketType.ROUTER, SocketType.SERVER);

    private ZapRules() {}

    /** Checks a bind or connect of {@code socket} to {@code endpoint}. */
    static void check(Socket socket, String endpoint, boolean bind) {
        if (bind && ZAP_ENDPOINT.equals(endpoint) && !ZAP_HANDLER_TYPES.contains(socket.type())) {
            throw new IllegalArgumentException("a ZAP handler at " + ZAP_ENDPOINT + " must be a REP, ROUTER or"
                    + " SERVER socket, not " + socket.type() + " (libzmq aborts at the next handshake otherwise)");
        }
        if (socket.get(SocketOption.PLAIN_SERVER) && enforcesDomain(socket)
                && socket.get(SocketOption.ZAP_DOMAIN).isEmpty()) {
            throw new IllegalStateException("a PLAIN server with ZAP_ENFORCE_DOMAIN needs a ZAP_DOMAIN (libzmq"
                    + " aborts at the first handshake otherwise); set SocketOption.ZAP_DOMAIN first");
        }
    }

    private static boolean enforcesDomain(Socket socket) {
        try {
            return socket.get(SocketOption.ZAP_ENFORCE_DOMAIN);
        } catch (ZmqException | UnsupportedOperationException e) {
            return false; // a libzmq without drafts has no such option, and so no such abort
        }
    }
}
