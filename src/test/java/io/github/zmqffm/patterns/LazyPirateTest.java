package io.github.zmqffm.patterns;

import io.github.zmqffm.Context;
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

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** zguide's Lazy Pirate (client-side reliability) with the reactor's timers: see {@link LazyPirateClient}. */
class LazyPirateTest {

    private static final int ATTEMPTS = 3;

    @RegisterExtension
    final TestContext zmq = new TestContext();

    /**
     * A server actor (ROUTER on a reactor) that echoes requests but ignores the first delivery of those in
     * {@code dropped}, as an overloaded or restarting lpserver would; it counts every delivery.
     */
    private static ZActor unreliableServer(Context context, Set<String> dropped, Map<String, Integer> deliveries) {
        return ZActor.start(context, "lpserver", pipe -> {
            try (Socket router = context.socket(SocketType.ROUTER); ZMsg msg = new ZMsg(); ZLoop loop = new ZLoop()) {
                router.set(SocketOption.LINGER, 0);
                loop.add(router, Poller.POLLIN, (socket, events) -> {
                    msg.recv(socket); // [client, "", request]
                    int delivery = deliveries.merge(msg.peekLast().getString(), 1, Integer::sum);
                    if (delivery == 1 && dropped.contains(msg.peekLast().getString())) {
                        msg.clear();
                    } else {
                        msg.send(socket);
                    }
                });
                loop.add(pipe, Poller.POLLIN, (socket, events) -> loop.stop());
                pipe.send(router.bind("tcp://127.0.0.1:*"));
                loop.run();
            }
        });
    }

    @Test
    void aDroppedRequestIsSentAgainOnANewSocketAfterItsTimeout() {
        Map<String, Integer> deliveries = new ConcurrentHashMap<>();
        try (ZActor server = unreliableServer(zmq.context(), Set.of("2", "5"), deliveries)) {
            String endpoint = server.pipe().recvString();
            LazyPirateClient.Outcome outcome =
                    LazyPirateClient.run(zmq.context(), endpoint, 6, Duration.ofMillis(500), ATTEMPTS);
            assertEquals(java.util.List.of("1", "2", "3", "4", "5", "6"), outcome.replies());
            assertFalse(outcome.abandoned());
            // Exactly the two dropped requests were resent (more only if this machine stalled past a timeout).
            assertTrue(outcome.resends() >= 2, "resends: " + outcome.resends());
            assertTrue(deliveries.get("2") >= 2 && deliveries.get("5") >= 2, "deliveries: " + deliveries);
        }
    }

    @Test
    void theClientGivesUpAfterItsAttemptsWhenNobodyAnswers() {
        String endpoint;
        try (Socket probe = zmq.socket(SocketType.ROUTER)) {
            endpoint = probe.bind("tcp://127.0.0.1:*"); // then closed: nobody listens there
        }
        long start = System.nanoTime();
        LazyPirateClient.Outcome outcome =
                LazyPirateClient.run(zmq.context(), endpoint, 1, Duration.ofMillis(100), ATTEMPTS);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(outcome.abandoned());
        assertTrue(outcome.replies().isEmpty());
        assertEquals(ATTEMPTS - 1, outcome.resends(), "the first try and two resends");
        assertTrue(millis >= ATTEMPTS * 100, "each attempt waited its timeout: " + millis + " ms");
    }
}
