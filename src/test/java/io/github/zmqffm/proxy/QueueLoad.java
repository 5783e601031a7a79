package io.github.zmqffm.proxy;

import io.github.zmqffm.Socket;
import io.github.zmqffm.SocketType;
import io.github.zmqffm.TestContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The QUEUE device load: REQ clients send "c{client}-{i}", REP workers answer "{worker}|{request}". Clients
 * check that each reply carries their own request and count which worker served it.
 */
final class QueueLoad {

    static final int CLIENTS = 4;
    static final int WORKERS = 3;
    static final int REQUESTS = 10_000;
    private static final long DEADLINE_NANOS = TimeUnit.SECONDS.toNanos(60);

    private QueueLoad() {}

    /** REP workers in Java threads, each with its own socket; close() stops and joins them. */
    static final class Workers implements AutoCloseable {
        private final AtomicBoolean stop = new AtomicBoolean();
        private final List<Thread> threads = new ArrayList<>();
        final List<Throwable> failures = new CopyOnWriteArrayList<>();

        Workers(TestContext zmq, String endpoint, int count) {
            for (int w = 0; w < count; w++) {
                String id = "w" + w;
                threads.add(Thread.ofPlatform().name("rep-" + id).start(() -> serve(zmq, endpoint, id)));
            }
        }

        private void serve(TestContext zmq, String endpoint, String id) {
            long start = System.nanoTime();
            try (Socket rep = zmq.socket(SocketType.REP)) {
                rep.set(io.github.zmqffm.SocketOption.RCVTIMEO, 100);
                rep.connect(endpoint);
                while (!stop.get() && System.nanoTime() - start < DEADLINE_NANOS) {
                    String request = rep.recvString();
                    if (request != null) {
                        rep.send(id + "|" + request);
                    }
                }
            } catch (Throwable t) {
                failures.add(t);
            }
        }

        /** Stops and joins the workers (an interrupt ends the wait and stays set), then fails if one failed. */
        @Override
        public void close() {
            stop.set(true);
            try {
                for (Thread thread : threads) {
                    thread.join(10_000);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            assertTrue(failures.isEmpty(), "worker failed: " + failures);
        }
    }

    /** Runs {@code CLIENTS} Java REQ clients with {@code REQUESTS} requests in all; returns replies per worker. */
    static Map<String, Integer> runJavaClients(TestContext zmq, String endpoint) throws InterruptedException {
        Map<String, Integer> served = new ConcurrentHashMap<>();
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            int client = c;
            threads.add(Thread.ofPlatform().name("req-" + c).start(() -> {
                try (Socket req = zmq.socket(SocketType.REQ)) {
                    req.connect(endpoint);
                    for (int i = 0; i < REQUESTS / CLIENTS; i++) {
                        String request = "c" + client + "-" + i;
                        req.send(request);
                        String reply = req.recvString();
                        if (reply == null || !reply.endsWith("|" + request)) {
                            throw new AssertionError("request " + request + " got reply " + reply);
                        }
                        served.merge(reply.substring(0, reply.indexOf('|')), 1, Integer::sum);
                    }
                } catch (Throwable t) {
                    failures.add(t);
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join(TimeUnit.NANOSECONDS.toMillis(DEADLINE_NANOS));
        }
        assertTrue(failures.isEmpty(), "client failed: " + failures);
        return new TreeMap<>(served);
    }

    /** Every request answered once, and every one of the {@code WORKERS} workers answered some. */
    static void assertAllServed(Map<String, Integer> served) {
        assertEquals(REQUESTS, served.values().stream().mapToInt(Integer::intValue).sum(), served.toString());
        assertEquals(WORKERS, served.size(), "every worker should have served some: " + served);
        served.forEach((worker, count) -> assertTrue(count > 0, worker + " served none: " + served));
    }
}
