package io.github.zmqffm.patterns;

import io.github.zmqffm.Msg;
import io.github.zmqffm.Poller;
import io.github.zmqffm.Socket;
import io.github.zmqffm.SocketOption;
import io.github.zmqffm.SocketType;
import io.github.zmqffm.TestContext;
import io.github.zmqffm.ZMsg;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * zguide's load-balancing broker (lbbroker) written with {@link ZMsg}: REQ clients talk to a ROUTER frontend, REQ
 * workers announce themselves with READY on a ROUTER backend, and the broker hands each request to the worker
 * that has waited longest, rewriting envelopes with {@link ZMsg#wrap} and {@link ZMsg#unwrap}.
 */
class LoadBalancingBrokerTest {

    private static final int CLIENTS = 5;
    private static final int REQUESTS = 10;
    private static final int WORKERS = 3;
    /** A platform thread per client and worker: they block in libzmq. */
    private static final Executor THREADS = Executors.newThreadPerTaskExecutor(Thread.ofPlatform().daemon().factory());

    @RegisterExtension
    final TestContext zmq = new TestContext();

    @Test
    void everyRequestIsServedAndTheLeastRecentlyUsedWorkerGetsTheNext() throws Exception {
        Map<String, AtomicInteger> served = new ConcurrentHashMap<>();
        List<CompletableFuture<List<String>>> clients = new ArrayList<>();
        List<CompletableFuture<Void>> workers = new ArrayList<>();
        try (Socket frontend = zmq.socket(SocketType.ROUTER); Socket backend = zmq.socket(SocketType.ROUTER)) {
            String clientsEndpoint = frontend.bind("tcp://127.0.0.1:*");
            String workersEndpoint = backend.bind(TestContext.inproc());
            for (int w = 0; w < WORKERS; w++) {
                String name = "worker-" + w;
                served.put(name, new AtomicInteger());
                workers.add(CompletableFuture.runAsync(() -> worker(name, workersEndpoint, served.get(name)),
                        THREADS));
            }
            for (int c = 0; c < CLIENTS; c++) {
                String name = "client-" + c;
                clients.add(CompletableFuture.supplyAsync(() -> client(name, clientsEndpoint), THREADS));
            }
            ArrayDeque<Msg> ready = broker(frontend, backend, CLIENTS * REQUESTS);
            // Every worker is waiting again: tell each to stop.
            try (ZMsg stop = new ZMsg()) {
                while (!ready.isEmpty()) {
                    stop.addString("STOP");
                    stop.wrap(ready.pollFirst());
                    stop.send(backend);
                }
            }
            for (CompletableFuture<List<String>> client : clients) {
                List<String> replies = client.get(30, TimeUnit.SECONDS);
                assertEquals(REQUESTS, replies.size());
                replies.forEach(reply -> assertTrue(reply.startsWith("OK from worker-"), reply));
            }
            for (CompletableFuture<Void> worker : workers) {
                worker.get(30, TimeUnit.SECONDS);
            }
        }
        int total = served.values().stream().mapToInt(AtomicInteger::get).sum();
        assertEquals(CLIENTS * REQUESTS, total);
        served.forEach((name, count) -> assertTrue(count.get() > 0, name + " got no work: " + served));
    }

    /** The broker loop; returns the workers that are ready once {@code replies} replies have gone out. */
    private static ArrayDeque<Msg> broker(Socket frontend, Socket backend, int replies) {
        ArrayDeque<Msg> ready = new ArrayDeque<>();
        int forwarded = 0;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        try (ZMsg msg = new ZMsg(); Poller poller = new Poller()) {
            int back = poller.register(backend, Poller.POLLIN);
            int front = poller.register(frontend, Poller.POLLIN);
            while (forwarded < replies && System.nanoTime() < deadline) {
                // Poll the frontend only while a worker is ready: requests wait in the socket meanwhile.
                poller.setEvents(front, ready.isEmpty() ? 0 : Poller.POLLIN);
                if (poller.poll(Duration.ofMillis(100)) == 0) {
                    continue;
                }
                if (poller.isReadable(back) && msg.recv(backend)) {
                    ready.addLast(msg.unwrap());                 // [worker, ""] off; the rest is READY or a reply
                    if (msg.size() == 1) {
                        assertEquals("READY", msg.popString());
                    } else {
                        msg.send(frontend);                      // [client, "", reply]
                        forwarded++;
                    }
                }
                if (poller.isReadable(front) && !ready.isEmpty() && msg.recv(frontend)) {
                    msg.wrap(ready.pollFirst());                 // [worker, "", client, "", request]
                    msg.send(backend);
                }
            }
        }
        assertEquals(replies, forwarded, "replies forwarded within 30 s");
        return ready;
    }

    private List<String> client(String name, String endpoint) {
        List<String> replies = new ArrayList<>();
        try (Socket req = zmq.socket(SocketType.REQ)) {
            req.set(SocketOption.ROUTING_ID, name.getBytes(StandardCharsets.UTF_8));
            req.connect(endpoint);
            for (int i = 0; i < REQUESTS; i++) {
                req.send("HELLO " + i);
                replies.add(req.recvString());
            }
        }
        return replies;
    }

    private void worker(String name, String endpoint, AtomicInteger served) {
        try (Socket req = zmq.socket(SocketType.REQ); ZMsg msg = new ZMsg()) {
            req.set(SocketOption.ROUTING_ID, name.getBytes(StandardCharsets.UTF_8));
            req.connect(endpoint);
            req.send("READY");
            for (int i = 0; i <= CLIENTS * REQUESTS && msg.recv(req); i++) {
                if (msg.size() == 1) {
                    assertEquals("STOP", msg.popString());
                    return;
                }
                assertEquals(3, msg.size(), "[client, \"\", request]");
                msg.pollLast().close();
                msg.addString("OK from " + name);
                msg.send(req);
                served.incrementAndGet();
            }
        }
    }
}
