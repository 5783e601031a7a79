package com.example.app;

import io.github.zmqffm.Context;
import io.github.zmqffm.Socket;
import io.github.zmqffm.SocketType;
import io.github.zmqffm.Zmq;

/** Sends a request over tcp to a REP socket in the same process and prints the reply. */
public final class App {

    private App() {}

    /**
     * Prints which libzmq was loaded and one request-reply round trip.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        System.out.println("libzmq " + Zmq.version() + ": " + Zmq.library());
        System.out.println(roundTrip("Hello"));
    }

    /**
     * Sends {@code request} from a REQ socket to a REP socket that answers with its upper-case form.
     *
     * @param request the request
     * @return the reply
     */
    static String roundTrip(String request) {
        try (Context context = new Context();
             Socket server = context.socket(SocketType.REP);
             Socket client = context.socket(SocketType.REQ)) {
            client.connect(server.bind("tcp://127.0.0.1:*"));
            client.send(request);
            server.send(server.recvString().toUpperCase(java.util.Locale.ROOT));
            return client.recvString();
        }
    }
}
