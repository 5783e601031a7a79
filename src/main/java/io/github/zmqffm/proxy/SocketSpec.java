package io.github.zmqffm.proxy;

import io.github.zmqffm.Context;
import io.github.zmqffm.Socket;
import io.github.zmqffm.SocketOption;
import io.github.zmqffm.SocketType;

import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * What a proxy needs to make one of its sockets: the type, the options to set and the endpoints to bind or
 * connect. The proxy creates the socket from this description in its own thread (libzmq sockets belong to
 * one thread), so a spec holds no socket itself.
 *
 * @param type      the socket type
 * @param endpoints where the socket binds or connects, in order (at least one)
 * @param options   run on the new socket before any bind or connect, in the proxy's thread
 */
public record SocketSpec(SocketType type, List<Endpoint> endpoints, Consumer<Socket> options) {

    /** Checks the components and copies the endpoint list. */
    public SocketSpec {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(options, "options");
        endpoints = List.copyOf(endpoints);
        if (endpoints.isEmpty()) {
            throw new IllegalArgumentException("a " + type + " socket needs at least one endpoint");
        }
    }

    /**
     * A socket of {@code type} at the comma-separated {@code endpoints}, czmq style; endpoints without
     * {@code @} or {@code >} are bound. Throws {@link IllegalArgumentException} for a malformed endpoint.
     */
    public static SocketSpec of(SocketType type, String endpoints) {
        return new SocketSpec(type, Endpoint.parseList(endpoints, Endpoint.Mode.BIND), socket -> {});
    }

    /** A socket of {@code type} at the given endpoints. */
    public static SocketSpec of(SocketType type, Endpoint... endpoints) {
        return new SocketSpec(type, List.of(endpoints), socket -> {});
    }

    /** This spec with one more option set (after the options already here). */
    public <T> SocketSpec with(SocketOption<T> option, T value) {
        return withOptions(socket -> socket.set(option, value));
    }

    /** This spec with more socket setup run after the setup already here. */
    public SocketSpec withOptions(Consumer<Socket> more) {
        return new SocketSpec(type, endpoints, options.andThen(more));
    }

    /**
     * Creates the socket in the calling thread, sets its options and binds or connects every endpoint. On
     * failure the socket is closed and the error rethrown: {@link io.github.zmqffm.ZmqException} for
     * EADDRINUSE, EADDRNOTAVAIL, EINVAL, EPROTONOSUPPORT, ENOCOMPATPROTO, ENODEV, EMTHREAD, ETERM (naming the
     * endpoint).
     */
    public Socket open(Context context) {
        Socket socket = context.socket(type);
        try {
            options.accept(socket);
            for (Endpoint endpoint : endpoints) {
                if (endpoint.mode() == Endpoint.Mode.BIND) {
                    socket.bind(endpoint.address());
                } else {
                    socket.connect(endpoint.address());
                }
            }
            return socket;
        } catch (RuntimeException | Error e) {
            socket.close();
            throw e;
        }
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder().append(type).append(' ');
        for (int i = 0; i < endpoints.size(); i++) {
            text.append(i == 0 ? "" : ",").append(endpoints.get(i));
        }
        return text.toString();
    }
}
