package io.github.zmqffm.patterns;

import io.github.zmqffm.Context;
import io.github.zmqffm.Msg;
import io.github.zmqffm.Poller;
import io.github.zmqffm.Socket;
import io.github.zmqffm.SocketOption;
import io.github.zmqffm.SocketType;
import io.github.zmqffm.TestContext;
import io.github.zmqffm.ZActor;
import io.github.zmqffm.ZLoop;
import io.github.zmqffm.ZMsg;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * zguide's Paranoid Pirate (ppqueue, ppworker, and the Lazy Pirate client) with the reactor's timers: queue and
 * worker heartbeat each other every {@link #INTERVAL}; a worker that hears nothing for {@link #LIVENESS} intervals
 * takes the queue for dead, drops its socket and reconnects after a back-off that doubles; the queue forgets
 * workers it has not heard from for as long. Here the queue is killed and restarted under the worker and the
 * client, and both carry on.
 */
class ParanoidPirateTest {

    private static final Duration INTERVAL = Duration.ofMillis(200);
    private static final int LIVENESS = 5;
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(200);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(2);
    private static final String READY = "READY";
    private static final String HEARTBEAT = "HEARTBEAT";

    @RegisterExtension
    final TestContext zmq = new TestContext();

    @Test
    void theWorkerSurvivesTheQueueDyingAndTheClientsRequestsAllGetThrough() {
        Context context = zmq.context();
        ZActor firstQueue = startQueue(context, "tcp://127.0.0.1:*", "tcp://127.0.0.1:*");
        String[] endpoints = firstQueue.pipe().recvString().split(" ");
        String frontend = endpoints[0];
        String backend = endpoints[1];
        ZActor worker = ZActor.start(context, "ppworker", pipe -> worker(context, backend, pipe));
        ZActor secondQueue = null;
        try {
            assertEquals(List.of("1", "2", "3"), clientRequests(context, frontend, 3));
            // Idle, the heartbeats alone keep the worker from taking the queue for dead.
            worker.pipe().set(SocketOption.RCVTIMEO, (int) INTERVAL.toMillis() * (LIVENESS + 3));
            assertNull(worker.pipe().recvString(), "the worker reconnected while the queue was alive");

            firstQueue.close(); // the queue dies; its ports are free again
            worker.pipe().set(SocketOption.RCVTIMEO, 10_000);
            assertEquals("reconnecting 1", worker.pipe().recvString(), "the worker noticed the silence");

            secondQueue = startQueue(context, frontend, backend); // the same endpoints, as a restarted ppqueue
            assertEquals(frontend + " " + backend, secondQueue.pipe().recvString());
            assertEquals(List.of("1", "2", "3"), clientRequests(context, frontend, 3));
        } finally {
            worker.close();
            firstQueue.close();
            if (secondQueue != null) {
                secondQueue.close();
            }
        }
        for (ZActor actor : new ZActor[] {worker, firstQueue, secondQueue}) {
            assertTrue(actor.failure().isEmpty(), actor.name() + ": " + actor.failure().orElse(null));
        }
    }

    private static List<String> clientRequests(Context context, String frontend, int requests) {
        LazyPirateClient.Outcome outcome =
                LazyPirateClient.run(context, frontend, requests, Duration.ofMillis(2500), 4);
        assertFalse(outcome.abandoned(), "the client gave up");
        return outcome.replies();
    }

    /** ppqueue: reports "frontend backend" on its pipe once bound, then serves until $TERM. */
    private static ZActor startQueue(Context context, String frontendEndpoint, String backendEndpoint) {
        return ZActor.start(context, "ppqueue", pipe -> {
            try (Socket frontend = context.socket(SocketType.ROUTER); Socket backend = context.socket(SocketType.ROUTER);
                 ZMsg msg = new ZMsg(); ZLoop loop = new ZLoop()) {
                frontend.set(SocketOption.LINGER, 0);
                backend.set(SocketOption.LINGER, 0);
                String boundFrontend = frontend.bind(frontendEndpoint);
                String boundBackend = backend.bind(backendEndpoint);
                // Ready workers by identity, the longest waiting first, with the time each expires.
                Map<String, Long> workers = new LinkedHashMap<>();
                ZLoop.SocketHandler fromClient = (socket, events) -> {
                    msg.recv(frontend);                       // [client, "", request]
                    String next = workers.keySet().iterator().next();
                    workers.remove(next);
                    msg.push(Msg.copyOf(next.getBytes(StandardCharsets.UTF_8)));
                    msg.send(backend);                        // [worker, client, "", request]
                    if (workers.isEmpty()) {
                        loop.remove(frontend);                // requests wait in the socket meanwhile
                    }
                };
                loop.add(backend, Poller.POLLIN, (socket, events) -> {
                    msg.recv(backend);                        // [worker, READY | HEARTBEAT | client, "", reply]
                    String identity = msg.popString();
                    boolean wasIdle = workers.isEmpty();
                    workers.remove(identity);
                    workers.put(identity, System.nanoTime() + INTERVAL.toNanos() * LIVENESS);
                    if (msg.size() == 1) {
                        String control = msg.popString();
                        assertTrue(control.equals(READY) || control.equals(HEARTBEAT), control);
                    } else {
                        msg.send(frontend);                   // [client, "", reply]
                    }
                    if (wasIdle) {
                        loop.add(frontend, Poller.POLLIN, fromClient);
                    }
                });
                loop.every(INTERVAL, () -> {
                    long now = System.nanoTime();
                    if (workers.values().removeIf(expiry -> expiry - now < 0) && workers.isEmpty()) {
                        loop.remove(frontend);
                    }
                    for (String identity : workers.keySet()) {
                        msg.addString(identity);
                        msg.addString(HEARTBEAT);
                        msg.send(backend);
                    }
                });
                loop.add(pipe, Poller.POLLIN, (socket, events) -> loop.stop());
                pipe.send(boundFrontend + " " + boundBackend);
                loop.run();
            }
        });
    }

    /**
     * ppworker: a DEALER that announces itself with READY, echoes requests, heartbeats every interval and, after
     * LIVENESS silent intervals, reports "reconnecting N" on its pipe and reconnects after its back-off.
     */
    private static void worker(Context context, String endpoint, Socket pipe) {
        try (ZLoop loop = new ZLoop(); ZMsg msg = new ZMsg()) {
            Socket[] dealer = new Socket[1];
            int[] liveness = {LIVENESS};
            int[] reconnects = {0};
            Duration[] backoff = {FIRST_BACKOFF};
            ZLoop.SocketHandler fromQueue = (socket, events) -> {
                msg.recv(socket);
                liveness[0] = LIVENESS;
                backoff[0] = FIRST_BACKOFF;
                if (msg.size() == 3) {
                    msg.send(socket);                          // [client, "", request]: echo it
                } else {
                    assertEquals(HEARTBEAT, msg.popString());
                }
            };
            Runnable connect = () -> {
                dealer[0] = context.socket(SocketType.DEALER);
                dealer[0].set(SocketOption.LINGER, 0);
                // a printable identity, new for each connection (the queue keeps identities as text)
                dealer[0].set(SocketOption.ROUTING_ID, ("worker-" + reconnects[0]).getBytes(StandardCharsets.UTF_8));
                dealer[0].connect(endpoint);
                dealer[0].send(READY);
                loop.add(dealer[0], Poller.POLLIN, fromQueue);
                liveness[0] = LIVENESS;
            };
            connect.run();
            loop.every(INTERVAL, () -> {
                if (dealer[0] == null) {
                    return; // waiting out the back-off
                }
                if (--liveness[0] > 0) {
                    dealer[0].send(HEARTBEAT);
                    return;
                }
                pipe.send("reconnecting " + ++reconnects[0]);
                loop.remove(dealer[0]);
                dealer[0].close();
                dealer[0] = null;
                loop.once(backoff[0], connect);
                backoff[0] = backoff[0].multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff[0].multipliedBy(2);
            });
            loop.add(pipe, Poller.POLLIN, (socket, events) -> loop.stop());
            try {
                loop.run();
            } finally {
                if (dealer[0] != null) {
                    dealer[0].close();
                }
            }
        }
    }
}
