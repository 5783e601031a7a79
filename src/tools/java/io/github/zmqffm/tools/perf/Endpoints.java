package io.github.zmqffm.tools.perf;

import io.github.zmqffm.Socket;

/** Binding for the tools that bind: where libzmq's CLI is silent, say which port a wildcard got. */
final class Endpoints {

    private Endpoints() {}

    /**
     * Binds; for a wildcard endpoint such as {@code tcp://127.0.0.1:*} prints {@code bound to <endpoint>} on
     * standard error (standard output keeps libzmq's exact lines), so a script can start the peer.
     */
    static void bind(Socket socket, String endpoint) {
        String bound = socket.bind(endpoint);
        if (endpoint.contains("*")) {
            System.err.println("bound to " + bound);
        }
    }
}
