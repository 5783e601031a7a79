package io.github.zmqffm.tools;

import io.github.zmqffm.ContextTerminatedException;
import io.github.zmqffm.Monitor;
import io.github.zmqffm.MonitorEvent;
import io.github.zmqffm.Socket;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Counts the handshakes that libzmq refuses itself, before any ZAP request (a CURVE client with the wrong server
 * key, a plaintext client to a CURVE or PLAIN server, a peer speaking garbage): the authenticator never sees them,
 * so the device learns of them from monitor events of its frontend and backend, read on one thread per socket.
 */
final class HandshakeFailures {

    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration JOIN = Duration.ofSeconds(2);

    /** Socket name (frontend, backend) to reason (a protocol error, or NO_DETAIL) to count. */
    private final Map<String, Map<String, Long>> counts = new TreeMap<>();
    private final List<Thread> readers = new ArrayList<>();
    private volatile boolean stopping;

    /** The options step that starts counting for a socket called {@code name}, run where the socket is made. */
    Consumer<Socket> watch(String name) {
        return socket -> {
            Monitor monitor = Monitor.of(socket, EnumSet.of(MonitorEvent.Type.HANDSHAKE_FAILED_PROTOCOL,
                    MonitorEvent.Type.HANDSHAKE_FAILED_NO_DETAIL));
            synchronized (this) {
                counts.putIfAbsent(name, new TreeMap<>());
                readers.add(Thread.ofPlatform().daemon().name("zmqffm-device-handshakes-" + name)
                        .start(() -> read(name, monitor)));
            }
        };
    }

    /** The counts as a JSON object: {@code {"frontend":{"ZMTP_CRYPTOGRAPHIC":1},"backend":{}}}. */
    synchronized String toJson() {
        StringBuilder json = new StringBuilder("{");
        counts.forEach((socket, reasons) -> {
            json.append(json.length() > 1 ? "," : "").append(Json.string(socket)).append(":{");
            int start = json.length();
            reasons.forEach((reason, n) -> json.append(json.length() > start ? "," : "")
                    .append(Json.string(reason)).append(':').append(n));
            json.append('}');
        });
        return json.append('}').toString();
    }

    /** Stops the readers, each closing its monitor; call once the device's sockets are closed. */
    void stop() throws InterruptedException {
        stopping = true;
        List<Thread> started;
        synchronized (this) {
            started = List.copyOf(readers);
        }
        for (Thread reader : started) {
            reader.join(JOIN);
        }
    }

    private void read(String name, Monitor monitor) {
        try (monitor) {
            while (!stopping) {
                MonitorEvent event = monitor.next(POLL);
                if (event != null) {
                    count(name, event);
                }
            }
        } catch (ContextTerminatedException | IllegalStateException stopped) {
            // The context was shut down or the socket closed under the device: nothing more to count.
        }
    }

    private synchronized void count(String name, MonitorEvent event) {
        MonitorEvent.ProtocolError error = event.protocolError();
        String reason = error != null ? error.name() : event.type() == MonitorEvent.Type.HANDSHAKE_FAILED_PROTOCOL
                ? "PROTOCOL_" + event.value() : "NO_DETAIL";
        counts.get(name).merge(reason, 1L, Long::sum);
    }
}
