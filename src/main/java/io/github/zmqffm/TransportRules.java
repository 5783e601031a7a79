package io.github.zmqffm;

/**
 * Socket type and transport pairs that libzmq accepts but then aborts the process on, refused with
 * ENOCOMPATPROTO (libzmq's own error for a transport a socket type cannot use) when the socket binds or connects.
 */
final class TransportRules {

    private TransportRules() {}

    /**
     * A STREAM socket frames raw bytes in its engine; inproc has no engine, so a peer's messages reach it as they
     * are, and libzmq asserts on the first multipart one (stream.cpp:201; a REQ's delimiter does it).
     */
    static void check(Socket socket, String call, String endpoint) {
        if (socket.type() == SocketType.STREAM && isInproc(endpoint)) {
            throw Errors.exception(call, endpoint, Errno.ENOCOMPATPROTO.code(), "a STREAM socket has no inproc"
                    + " engine to frame its peers' messages, and libzmq aborts on the first multipart one");
        }
    }

    /** Whether the endpoint is an inproc one, whose peers {@link InprocPeers} checks. */
    static boolean isInproc(String endpoint) {
        return endpoint != null && endpoint.startsWith("inproc://");
    }
}
