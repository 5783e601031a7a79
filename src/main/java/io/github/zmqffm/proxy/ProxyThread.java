package io.github.zmqffm.proxy;

import io.github.zmqffm.Context;
import io.github.zmqffm.Socket;
import io.github.zmqffm.SocketOption;
import io.github.zmqffm.SocketType;
import io.github.zmqffm.Zmq;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The thread that owns a proxy's sockets: it creates them (libzmq sockets belong to one thread), reports the
 * endpoints they got, runs {@code zmq_proxy_steerable} until it returns, and closes them again.
 */
final class ProxyThread {

    /** The endpoints the sockets bound or connected last (wildcard ports resolved); capture may be null. */
    record Bound(String frontend, String backend, String capture) {}

    final CompletableFuture<Bound> ready = new CompletableFuture<>();
    /** Completes once the loop has returned and every socket of the thread is closed. */
    final CompletableFuture<Void> stopped = new CompletableFuture<>();
    private final Proxy proxy;
    private final String controlAddress;
    private final Thread thread;

    ProxyThread(Proxy proxy, String controlAddress, String name) {
        this.proxy = proxy;
        this.controlAddress = controlAddress;
        this.thread = Thread.ofPlatform().daemon().name(name).unstarted(this::run);
    }

    void start() {
        thread.start();
    }

    private void run() {
        Context context = proxy.context();
        List<Socket> open = new ArrayList<>();
        Throwable failure = null;
        try {
            Socket frontend = open(proxy.frontend(), open);
            Socket backend = open(proxy.backend(), open);
            Socket capture = proxy.capture() == null ? null : open(proxy.capture(), open);
            Socket control = open(SocketSpec.of(SocketType.PAIR, Endpoint.bind(controlAddress)), open);
            ready.complete(new Bound(frontend.lastEndpoint(), backend.lastEndpoint(),
                    capture == null ? null : capture.lastEndpoint()));
            Zmq.proxySteerable(frontend, backend, capture, control);
        } catch (Throwable t) {
            failure = t;
        } finally {
            for (int i = open.size() - 1; i >= 0; i--) {
                open.get(i).close();
            }
        }
        if (failure == null) {
            stopped.complete(null);
        } else {
            ready.completeExceptionally(failure);
            stopped.completeExceptionally(failure);
        }
    }

    private Socket open(SocketSpec spec, List<Socket> open) {
        int lingerMillis = proxy.linger().isNegative() ? -1 : (int) Math.min(Integer.MAX_VALUE, proxy.linger().toMillis());
        SocketSpec withLinger = new SocketSpec(spec.type(), spec.endpoints(),
                socket -> socket.set(SocketOption.LINGER, lingerMillis)).withOptions(spec.options());
        Socket socket = withLinger.open(proxy.context());
        open.add(socket);
        return socket;
    }
}
