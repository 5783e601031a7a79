package io.github.zmqffm.soak;

import io.github.zmqffm.Context;
import io.github.zmqffm.Socket;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * One pipe of the soak: a sending and a receiving side, each on its own thread with its own socket, carrying
 * 8-byte sequence numbers (plus padding) until asked to stop, then draining.
 */
abstract class Pipe {

    /** How long a receiver waits for the rest once the sender has stopped. */
    static final int DRAIN_MILLIS = 30_000;

    /**
     * Where the two sides meet: directly (the receiver binds a random loopback port, the sender connects to it) or
     * through a device (both connect: the sender to its frontend, the receiver to its backend).
     */
    record Route(String sendTo, String receiveAt, boolean receiverBinds) {
        static Route direct() {
            return new Route(null, "tcp://127.0.0.1:*", true);
        }

        static Route through(String frontend, String backend) {
            return new Route(frontend, backend, false);
        }
    }

    final String name;
    final Context context;
    final int size;
    /** Set when the soak's count or duration is reached: senders finish their current message and stop. */
    final AtomicBoolean stop;
    /** Messages received and checked, across all pipes: the soak's progress. */
    final AtomicLong delivered;
    private final Route route;
    private final CompletableFuture<String> receiverEndpoint = new CompletableFuture<>();

    Pipe(String name, Context context, Route route, int size, AtomicBoolean stop, AtomicLong delivered) {
        this.name = name;
        this.context = context;
        this.route = route;
        this.size = Math.max(8, size);
        this.stop = stop;
        this.delivered = delivered;
    }

    /** Starts both sides; the future completes when the pipe has drained. */
    abstract CompletableFuture<PipeResult> start();

    /** Binds or connects the receiving side's socket. */
    void attachReceiver(Socket socket) {
        if (route.receiverBinds()) {
            receiverEndpoint.complete(socket.bind(route.receiveAt()));
        } else {
            socket.connect(route.receiveAt());
        }
    }

    /** Connects the sending side's socket (directly: once the receiver has bound). */
    void attachSender(Socket socket) {
        socket.connect(route.sendTo() != null ? route.sendTo() : receiverEndpoint.join());
    }

    /** Runs a task on a new named platform thread. */
    static <T> CompletableFuture<T> thread(String name, Supplier<T> task) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread.ofPlatform().name(name).start(() -> {
            try {
                result.complete(task.get());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }
}
