package io.github.zmqffm.proxy;

import io.github.zmqffm.Context;
import io.github.zmqffm.SocketType;

/**
 * {@code zmq_device} for Java: a {@link Proxy} whose socket pair is checked against the {@link DeviceType}
 * before any socket is made. As in libzmq, a SUB frontend of a FORWARDER subscribes to everything.
 *
 * <pre>{@code
 * Device.run(context, DeviceType.QUEUE,
 *         SocketSpec.of(SocketType.ROUTER, "@tcp://*:5555"),
 *         SocketSpec.of(SocketType.DEALER, "@tcp://*:5556"));   // until context.shutdown()
 * }</pre>
 */
public final class Device {

    private Device() {}

    /**
     * The proxy for a device, to add a capture socket, a control endpoint or a linger before starting it.
     * Throws {@link IllegalArgumentException} for a pair the device type does not accept.
     */
    public static Proxy proxy(Context context, DeviceType type, SocketSpec frontend, SocketSpec backend) {
        type.check(frontend.type(), backend.type());
        SocketSpec front = frontend.type() == SocketType.SUB ? frontend.withOptions(socket -> socket.subscribe(""))
                : frontend;
        return Proxy.of(context, front, backend);
    }

    /**
     * Runs the device in a thread of its own and returns its handle (see {@link Proxy#start()}). Throws
     * {@link IllegalArgumentException} for a wrong pair, and setup errors as {@link Proxy#start()} does.
     */
    public static RunningProxy start(Context context, DeviceType type, SocketSpec frontend, SocketSpec backend) {
        return proxy(context, type, frontend, backend).start();
    }

    /**
     * Runs the device and blocks, as {@code zmq_device} does, until the context is shut down: then it throws
     * {@link io.github.zmqffm.ContextTerminatedException} (zmq_device returns -1 with ETERM). Throws
     * {@link IllegalArgumentException} for a wrong pair, and setup errors as {@link Proxy#start()} does.
     */
    public static void run(Context context, DeviceType type, SocketSpec frontend, SocketSpec backend) {
        proxy(context, type, frontend, backend).run();
    }
}
