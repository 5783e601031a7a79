package io.github.zmqffm.proxy;

import io.github.zmqffm.ContextTerminatedException;
import io.github.zmqffm.RecvFlag;
import io.github.zmqffm.Socket;
import io.github.zmqffm.SocketOption;
import io.github.zmqffm.SocketType;
import io.github.zmqffm.TestContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The three classic devices with Java peers, and the socket-pair check. */
class DeviceTest {

    @RegisterExtension
    final TestContext zmq = new TestContext();

    @Test
    void invalidPairIsRejectedBeforeAnySocketIsMade() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Device.start(zmq.context(),
                DeviceType.QUEUE, SocketSpec.of(SocketType.DEALER, "@tcp://127.0.0.1:*"),
                SocketSpec.of(SocketType.ROUTER, "@tcp://127.0.0.1:*")));
        assertEquals("a QUEUE device needs a ROUTER frontend and a DEALER backend, not DEALER/ROUTER", e.getMessage());
        IllegalArgumentException forwarder = assertThrows(IllegalArgumentException.class, () -> Device.run(
                zmq.context(), DeviceType.FORWARDER, SocketSpec.of(SocketType.PULL, "@inproc://x"),
                SocketSpec.of(SocketType.PUB, "@inproc://y")));
        assertTrue(forwarder.getMessage().contains("SUB or XSUB frontend and a PUB or XPUB backend"),
                forwarder.getMessage());
        assertEquals(0, zmq.context().openSockets());
    }

    @Test
    void queueWithJavaClientsAndWorkers() throws Exception {
        try (RunningProxy device = Device.start(zmq.context(), DeviceType.QUEUE,
                SocketSpec.of(SocketType.ROUTER, "@tcp://127.0.0.1:*"),
                SocketSpec.of(SocketType.DEALER, "@tcp://127.0.0.1:*"))) {
            Map<String, Integer> served;
            try (QueueLoad.Workers _ = new QueueLoad.Workers(zmq, device.backendEndpoint(), QueueLoad.WORKERS)) {
                served = QueueLoad.runJavaClients(zmq, device.frontendEndpoint());
            }
            QueueLoad.assertAllServed(served);
            Statistics stats = device.statistics();
            assertEquals(QueueLoad.REQUESTS, stats.frontendMessagesIn());
            assertEquals(QueueLoad.REQUESTS, stats.backendMessagesOut());
            assertEquals(QueueLoad.REQUESTS, stats.backendMessagesIn());
            assertEquals(QueueLoad.REQUESTS, stats.frontendMessagesOut());
        }
        assertEquals(0, zmq.context().openSockets());
    }

    @Test
    void forwarderWithSubFrontendDeliversEachSubscriberExactlyItsTopics() throws Exception {
        forwarder(SocketType.SUB, SocketType.PUB);
    }

    @Test
    void forwarderWithXsubXpubDeliversEachSubscriberExactlyItsTopics() throws Exception {
        forwarder(SocketType.XSUB, SocketType.XPUB);
    }

    private void forwarder(SocketType frontend, SocketType backend) throws Exception {
        List<List<String>> filters = List.of(List.of("alpha"), List.of("beta"), List.of("gamma", "beta.x"));
        try (RunningProxy device = Device.start(zmq.context(), DeviceType.FORWARDER,
                SocketSpec.of(frontend, "@tcp://127.0.0.1:*"), SocketSpec.of(backend, "@tcp://127.0.0.1:*"));
             Socket pub = zmq.socket(SocketType.PUB)) {
            pub.connect(device.frontendEndpoint());
            List<Socket> subs = new ArrayList<>();
            try {
                for (List<String> topics : filters) {
                    Socket sub = zmq.socket(SocketType.SUB);
                    subs.add(sub);
                    topics.forEach(sub::subscribe);
                    sub.connect(device.backendEndpoint());
                }
                warmUp(pub, subs, filters);
                List<String> sent = new ArrayList<>();
                for (int i = 0; i < 300; i++) {
                    String topic = List.of("alpha", "beta", "beta.x", "gamma", "delta").get(i % 5);
                    String message = topic + " " + i;
                    sent.add(message);
                    pub.send(message);
                }
                pub.send("end");  // nobody subscribes to "end": it only shows that nothing more is coming
                for (int s = 0; s < subs.size(); s++) {
                    List<String> topics = filters.get(s);
                    List<String> expected = sent.stream().filter(m -> topics.stream().anyMatch(m::startsWith)).toList();
                    List<String> got = new ArrayList<>();
                    for (int i = 0; i < expected.size(); i++) {
                        String message = subs.get(s).recvString();
                        if (message == null) {
                            break;
                        }
                        got.add(message);
                    }
                    subs.get(s).set(SocketOption.RCVTIMEO, 200);
                    assertEquals(null, subs.get(s).recvString(), "subscriber " + topics + " got more");
                    assertEquals(expected, got, "subscriber " + topics);
                }
            } finally {
                subs.forEach(Socket::close);
            }
        }
    }

    /** Publishes "{topic} warm" until every subscriber has one (subscriptions travel asynchronously). */
    private static void warmUp(Socket pub, List<Socket> subs, List<List<String>> filters) throws InterruptedException {
        BitSet warm = new BitSet();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (warm.cardinality() < subs.size() && System.nanoTime() < deadline) {
            for (List<String> topics : filters) {
                pub.send(topics.getFirst() + " warm");
            }
            Thread.sleep(20);
            for (int s = 0; s < subs.size(); s++) {
                String message;
                while ((message = subs.get(s).recvString(RecvFlag.DONTWAIT)) != null) {
                    assertTrue(message.endsWith(" warm"), message);
                    warm.set(s);
                }
            }
        }
        assertEquals(subs.size(), warm.cardinality(), "subscriptions did not arrive within 10 s");
        Thread.sleep(50);
        for (Socket sub : subs) {
            while (sub.recvString(RecvFlag.DONTWAIT) != null) {
                // late warm-up copies
            }
        }
    }

    @Test
    void streamerSpreadsEveryMessageOverBothPullers() throws Exception {
        int messages = 100_000;
        try (RunningProxy device = Device.start(zmq.context(), DeviceType.STREAMER,
                SocketSpec.of(SocketType.PULL, "@tcp://127.0.0.1:*"),
                SocketSpec.of(SocketType.PUSH, "@tcp://127.0.0.1:*"))) {
            List<CompletableFuture<BitSet>> pullers = new ArrayList<>();
            for (int p = 0; p < 2; p++) {
                // a thread each: the common pool may have a single thread on a small machine
                pullers.add(CompletableFuture.supplyAsync(() -> pull(device.backendEndpoint(), messages),
                        task -> Thread.ofPlatform().start(task)));
            }
            try (Socket push = zmq.socket(SocketType.PUSH)) {
                push.connect(device.frontendEndpoint());
                byte[] message = new byte[16];
                for (int i = 0; i < messages; i++) {
                    java.nio.ByteBuffer.wrap(message).putInt(0, i);
                    assertTrue(push.send(message), "send " + i + " timed out");
                }
                BitSet first = pullers.get(0).get(60, TimeUnit.SECONDS);
                BitSet second = pullers.get(1).get(60, TimeUnit.SECONDS);
                assertTrue(first.cardinality() > 0 && second.cardinality() > 0,
                        "both should get work: " + first.cardinality() + " / " + second.cardinality());
                assertTrue(!first.intersects(second), "a message arrived twice");
                BitSet all = (BitSet) first.clone();
                all.or(second);
                assertEquals(messages, all.cardinality(), "messages lost");
            }
        }
    }

    /** Receives until {@code total} messages have arrived across pullers, or 500 ms pass with nothing. */
    private BitSet pull(String endpoint, int total) {
        BitSet seen = new BitSet(total);
        try (Socket pull = zmq.socket(SocketType.PULL)) {
            pull.connect(endpoint);
            byte[] buffer = new byte[16];
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            pull.set(SocketOption.RCVTIMEO, 5000);
            boolean started = false;
            while (System.nanoTime() < deadline && seen.cardinality() < total) {
                if (pull.recv(buffer) < 0) {
                    break;
                }
                if (!started) {
                    pull.set(SocketOption.RCVTIMEO, 500);
                    started = true;
                }
                seen.set(java.nio.ByteBuffer.wrap(buffer).getInt(0));
            }
        }
        return seen;
    }

    @Test
    void runBlocksUntilTheContextShutsDown() throws Exception {
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        Thread runner = Thread.ofPlatform().start(() -> {
            try {
                Device.run(zmq.context(), DeviceType.STREAMER, SocketSpec.of(SocketType.PULL, "@tcp://127.0.0.1:*"),
                        SocketSpec.of(SocketType.PUSH, "@tcp://127.0.0.1:*"));
                outcome.complete(null);
            } catch (Throwable t) {
                outcome.complete(t);
            }
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (zmq.context().openSockets() < 5 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(5, zmq.context().openSockets(),
                "frontend, backend, the proxy's end of the control pair and Zmq.proxySteerable's steering pair");
        zmq.context().shutdown();
        assertTrue(outcome.get(5, TimeUnit.SECONDS) instanceof ContextTerminatedException);
        runner.join(Duration.ofSeconds(5));
        assertEquals(0, zmq.context().openSockets());
    }
}
