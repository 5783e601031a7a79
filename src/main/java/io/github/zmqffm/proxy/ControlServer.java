package io.github.zmqffm.proxy;

import io.github.zmqffm.ContextTerminatedException;
import io.github.zmqffm.Frames;
import io.github.zmqffm.Socket;
import io.github.zmqffm.SocketOption;
import io.github.zmqffm.SocketType;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A proxy's remote control endpoint: a REP socket that takes one-frame commands from REQ clients and carries
 * them out through the {@link RunningProxy}. It checks each command first: libzmq 4.3.4 aborts the process on
 * one it does not know. Replies: "OK", the eight STATISTICS frames, or "ERROR reason".
 */
final class ControlServer {

    /** How often the receive loop looks whether it should end. */
    private static final int POLL_MILLIS = 100;
    /** How long a last reply (to TERMINATE) may take to leave after the socket is closed. */
    private static final int LINGER_MILLIS = 1000;

    final CompletableFuture<String> ready = new CompletableFuture<>();
    private final RunningProxy proxy;
    private final Endpoint endpoint;
    private final Thread thread;
    private volatile boolean stopping;

    ControlServer(RunningProxy proxy, Endpoint endpoint, String name) {
        this.proxy = proxy;
        this.endpoint = endpoint;
        this.thread = Thread.ofPlatform().daemon().name(name).unstarted(this::run);
    }

    void start() {
        thread.start();
    }

    /** Ends the loop and waits (bounded) until the socket is closed. */
    void stop() {
        stopping = true;
        if (Thread.currentThread() == thread) {
            return;
        }
        try {
            thread.join(ControlClient.TIMEOUT.toMillis() * 3);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        SocketSpec spec = new SocketSpec(SocketType.REP, List.of(endpoint), socket -> {
            socket.set(SocketOption.LINGER, LINGER_MILLIS);
            socket.set(SocketOption.RCVTIMEO, POLL_MILLIS);
            socket.set(SocketOption.SNDTIMEO, (int) ControlClient.TIMEOUT.toMillis());
        });
        Socket rep;
        try {
            rep = spec.open(proxy.context());
        } catch (Throwable t) {
            ready.completeExceptionally(t);
            return;
        }
        try (rep) {
            ready.complete(rep.lastEndpoint());
            while (!stopping && proxy.isRunning()) {
                Frames request = rep.recvMultipart();
                if (request != null) {
                    rep.sendMultipart(answer(request));
                }
            }
        } catch (ContextTerminatedException e) {
            // the context is shutting down: so is the proxy
        }
    }

    private List<byte[]> answer(Frames request) {
        Optional<ControlCommand> command = request.size() == 1 ? ControlCommand.of(request.get(0)) : Optional.empty();
        if (command.isEmpty()) {
            String text = request.size() == 1 ? "'" + printable(request.get(0)) + "'" : request.size() + " frames";
            return error("unknown command " + text + "; expected one frame: PAUSE, RESUME, TERMINATE or STATISTICS");
        }
        try {
            switch (command.get()) {
                case PAUSE -> proxy.pause();
                case RESUME -> proxy.resume();
                case TERMINATE -> proxy.terminate();
                case STATISTICS -> {
                    return proxy.statistics().toFrames();
                }
            }
            return List.of("OK".getBytes(StandardCharsets.US_ASCII));
        } catch (RuntimeException e) {
            return error(e.getMessage());
        }
    }

    private static List<byte[]> error(String reason) {
        return List.of(("ERROR " + reason).getBytes(StandardCharsets.UTF_8));
    }

    private static String printable(byte[] frame) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < Math.min(frame.length, 32); i++) {
            char c = (char) (frame[i] & 0xff);
            text.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return frame.length > 32 ? text + "..." : text.toString();
    }
}
