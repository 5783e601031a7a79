package io.github.zmqffm.proxy;

import io.github.zmqffm.SocketType;

import java.util.List;

/**
 * The three classic devices of {@code zmq_device}, with the socket pairs each one accepts. libzmq 4.3.4's
 * {@code zmq_device} ignores its type argument and runs {@code zmq_proxy}; {@link Device} checks the pair
 * first so that a miswired device fails at once instead of forwarding nothing.
 */
public enum DeviceType {
    /** Request-reply broker: ROUTER frontend (clients), DEALER backend (workers). {@code ZMQ_QUEUE}, 3. */
    QUEUE(3, List.of(SocketType.ROUTER), List.of(SocketType.DEALER)),
    /**
     * Publish-subscribe relay: SUB or XSUB frontend (publishers), PUB or XPUB backend (subscribers).
     * XSUB/XPUB pass subscriptions upstream, so publishers filter; a SUB frontend subscribes to everything.
     * {@code ZMQ_FORWARDER}, 2.
     */
    FORWARDER(2, List.of(SocketType.SUB, SocketType.XSUB), List.of(SocketType.PUB, SocketType.XPUB)),
    /** Pipeline relay: PULL frontend (producers), PUSH backend (consumers). {@code ZMQ_STREAMER}, 1. */
    STREAMER(1, List.of(SocketType.PULL), List.of(SocketType.PUSH));

    private final int value;
    private final List<SocketType> frontends;
    private final List<SocketType> backends;

    DeviceType(int value, List<SocketType> frontends, List<SocketType> backends) {
        this.value = value;
        this.frontends = frontends;
        this.backends = backends;
    }

    /** The C value ({@code ZMQ_STREAMER} 1, {@code ZMQ_FORWARDER} 2, {@code ZMQ_QUEUE} 3). */
    public int value() {
        return value;
    }

    /** The frontend socket types this device accepts. */
    public List<SocketType> frontendTypes() {
        return frontends;
    }

    /** The backend socket types this device accepts. */
    public List<SocketType> backendTypes() {
        return backends;
    }

    /** The frontend type the {@code device} command uses: ROUTER, XSUB or PULL. */
    public SocketType defaultFrontend() {
        return frontends.getLast();
    }

    /** The backend type the {@code device} command uses: DEALER, XPUB or PUSH. */
    public SocketType defaultBackend() {
        return backends.getLast();
    }

    /**
     * Checks a frontend/backend pair; throws {@link IllegalArgumentException} naming the valid pairs, e.g.
     * "a QUEUE device needs a ROUTER frontend and a DEALER backend, not DEALER/ROUTER".
     */
    public void check(SocketType frontend, SocketType backend) {
        if (!frontends.contains(frontend) || !backends.contains(backend)) {
            throw new IllegalArgumentException("a " + name() + " device needs a " + or(frontends) + " frontend and a "
                    + or(backends) + " backend, not " + frontend + "/" + backend);
        }
    }

    private static String or(List<SocketType> types) {
        return types.size() == 1 ? types.getFirst().name() : types.get(0) + " or " + types.get(1);
    }
}
