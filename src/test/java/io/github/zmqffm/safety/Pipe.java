package io.github.zmqffm.safety;

import io.github.zmqffm.Context;
import io.github.zmqffm.Socket;
import io.github.zmqffm.SocketType;

import java.time.Duration;

/** A context with a PUSH connected to a PULL over inproc (where a receiver gets the sender's very memory). */
record Pipe(Context context, Socket push, Socket pull) implements AutoCloseable {

    /** A new context and pair on a fresh {@code inproc://name-N} endpoint, with 10 s timeouts. */
    static Pipe open(String name) {
        Context context = new Context();
        Socket pull = Scenarios.socket(context, SocketType.PULL, Duration.ofSeconds(10));
        Socket push = Scenarios.socket(context, SocketType.PUSH, Duration.ofSeconds(10));
        String endpoint = Scenarios.inproc(name);
        pull.bind(endpoint);
        push.connect(endpoint);
        return new Pipe(context, push, pull);
    }

    @Override
    public void close() {
        context.close(); // closes both sockets
    }
}
