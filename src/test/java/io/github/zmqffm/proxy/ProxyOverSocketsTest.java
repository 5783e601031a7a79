package io.github.zmqffm.proxy;

import io.github.zmqffm.Context;
import io.github.zmqffm.ContextTerminatedException;
import io.github.zmqffm.Frames;
import io.github.zmqffm.Poller;
import io.github.zmqffm.Socket;
import io.github.zmqffm.SocketOption;
import io.github.zmqffm.SocketType;
import io.github.zmqffm.TestContext;
import io.github.zmqffm.ZActor;
import io.github.zmqffm.ZLoop;
import io.github.zmqffm.Zmq;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.github.zmqffm.FrameAsserts.strings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link Zmq#proxy} and {@link Zmq#proxySteerable} over sockets the caller made: zguide's espresso, steering, ETERM. */
class ProxyOverSocketsTest {

    @RegisterExtension
    final TestContext zmq = new TestContext();

    /** A publisher actor: "A-n", "B-n" and "C-n" every 10 ms until $TERM; reports its endpoint when bound. */
    private ZActor publisher() {
        return ZActor.start(zmq.context(), "espresso-publisher", pipe -> {
            try (Socket pub = zmq.socket(SocketType.PUB); ZLoop loop = new ZLoop()) {
                int[] n = {0};
                loop.every(Duration.ofMillis(10), () -> {
                    for (String topic : new String[] {"A", "B", "C"}) {
                        pub.send(topic + "-" + n[0]);
                    }
                    n[0]++;
                });
                loop.add(pipe, Poller.POLLIN, (socket, events) -> loop.stop());
                pipe.send(pub.bind("tcp://127.0.0.1:*"));
                loop.run();
            }
        });
    }

    /**
     * The proxy's thread: XSUB frontend to the publisher, XPUB backend, a PAIR capture and a PAIR control socket,
     * all made here, then {@link Zmq#proxySteerable}. Reports "backend capture control" before it starts.
     */
    private ZActor espressoProxy(String publisher) {
        return ZActor.start(zmq.context(), "espresso-proxy", pipe -> {
            try (Socket frontend = zmq.socket(SocketType.XSUB); Socket backend = zmq.socket(SocketType.XPUB);
                 Socket capture = zmq.socket(SocketType.PAIR); Socket control = zmq.socket(SocketType.PAIR)) {
                frontend.connect(publisher);
                String captureEndpoint = capture.bind(TestContext.inproc());
                String controlEndpoint = control.bind(TestContext.inproc());
                pipe.send(backend.bind("tcp://127.0.0.1:*") + " " + captureEndpoint + " " + controlEndpoint);
                Zmq.proxySteerable(frontend, backend, capture, control);
                pipe.send("proxy returned");
                pipe.recvString(); // $TERM
            }
        });
    }

    @Test
    void espressoCapturesSubscriptionsAndTrafficAndIsSteeredThroughItsControlSocket() {
        try (ZActor publisher = publisher()) {
            String publisherEndpoint = publisher.pipe().recvString();
            try (ZActor proxy = espressoProxy(publisherEndpoint)) {
                String[] endpoints = proxy.pipe().recvString().split(" ");
                try (Socket subscriber = zmq.socket(SocketType.SUB); Socket listener = zmq.socket(SocketType.PAIR);
                     Socket control = zmq.socket(SocketType.PAIR)) {
                    listener.connect(endpoints[1]);
                    control.connect(endpoints[2]);
                    subscriber.connect(endpoints[0]);
                    subscriber.subscribe("A");
                    for (int i = 0; i < 5; i++) {
                        assertTrue(subscriber.recvString().startsWith("A-"), "only the subscribed topic");
                    }
                    // The listener saw the subscription travel upstream and the traffic come down.
                    List<String> captured = new ArrayList<>();
                    for (int i = 0; i < 50 && captured.stream().noneMatch(f -> f.startsWith("A-")); i++) {
                        captured.add(listener.recvString());
                    }
                    assertEquals("\u0001A", captured.get(0), "XPUB's subscription message, captured on its way up");
                    assertTrue(captured.stream().anyMatch(f -> f.startsWith("A-")), captured.toString());
                    assertTrue(captured.stream().noneMatch(f -> f.startsWith("B-")), "filtered at the publisher");

                    control.send("BOGUS"); // libzmq 4.3.4 would abort the JVM on this: it never gets it
                    control.send("STATISTICS");
                    Statistics statistics = Statistics.fromFrames(control.recvMultipart().asList());
                    assertTrue(statistics.frontendMessagesIn() >= 5, statistics.toJson());
                    assertTrue(statistics.backendMessagesIn() >= 1, "the subscription: " + statistics.toJson());
                    control.send("TERMINATE");
                    assertEquals("proxy returned", proxy.pipe().recvString());
                }
            }
        }
    }

    @Test
    void aRepControlSocketGetsAnAnswerToEveryRequest() throws Exception {
        try (Socket client = zmq.socket(SocketType.REQ)) {
            CompletableFuture<String> ready = new CompletableFuture<>();
            CompletableFuture<Void> ran = CompletableFuture.runAsync(() -> {
                try (Socket frontend = zmq.socket(SocketType.ROUTER); Socket backend = zmq.socket(SocketType.DEALER);
                     Socket control = zmq.socket(SocketType.REP)) {
                    frontend.bind(TestContext.inproc());
                    backend.bind(TestContext.inproc());
                    ready.complete(control.bind(TestContext.inproc()));
                    Zmq.proxySteerable(frontend, backend, null, control);
                }
            });
            client.connect(ready.get(10, TimeUnit.SECONDS));
            client.send("PAUSE");
            assertEquals("OK", client.recvString());
            client.send("RESUME");
            assertEquals("OK", client.recvString());
            client.sendMore("TWO");
            client.send("FRAMES");
            assertEquals("ERROR unknown command 2 frames; expected one frame: PAUSE, RESUME, TERMINATE or STATISTICS",
                    client.recvString());
            client.send("STATISTICS");
            Frames counters = client.recvMultipart();
            assertEquals(Statistics.FRAMES, counters.size());
            assertEquals(0, Statistics.fromFrames(counters.asList()).frontendMessagesIn());
            client.send("TERMINATE");
            assertEquals("OK", client.recvString());
            ran.get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void forwardsBothWaysAndEndsWithEtermWhenTheContextIsShutDown() throws Exception {
        Context context = new Context();
        CompletableFuture<String[]> ready = new CompletableFuture<>();
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        Thread proxy = Thread.ofPlatform().start(() -> {
            try (Socket frontend = context.socket(SocketType.ROUTER); Socket backend = context.socket(SocketType.DEALER)) {
                ready.complete(new String[] {frontend.bind("tcp://127.0.0.1:*"), backend.bind("tcp://127.0.0.1:*")});
                Zmq.proxy(frontend, backend, null);
                outcome.complete(null);
            } catch (Throwable t) {
                outcome.complete(t);
            }
        });
        String[] endpoints = ready.get(10, TimeUnit.SECONDS);
        try (Socket client = context.socket(SocketType.REQ); Socket worker = context.socket(SocketType.REP)) {
            for (Socket socket : new Socket[] {client, worker}) {
                socket.set(SocketOption.LINGER, 0);
                socket.set(SocketOption.RCVTIMEO, 10_000);
            }
            client.connect(endpoints[0]);
            worker.connect(endpoints[1]);
            client.send("espresso?");
            assertEquals("espresso?", worker.recvString());
            worker.send("espresso.");
            assertEquals(List.of("espresso."), strings(client.recvMultipart()));
            context.shutdown();
            assertInstanceOf(ContextTerminatedException.class, outcome.get(10, TimeUnit.SECONDS));
        }
        proxy.join(10_000);
        assertFalse(proxy.isAlive());
        context.close();
        assertEquals(0, context.openSockets());
    }

    @Test
    void anUnknownCommandOnAPairIsDroppedAndTheProxyKeepsRunning() throws Exception {
        try (Socket control = zmq.socket(SocketType.PAIR); Socket push = zmq.socket(SocketType.PUSH);
             Socket pull = zmq.socket(SocketType.PULL)) {
            String controlEndpoint = control.bind(TestContext.inproc());
            CompletableFuture<String[]> ready = new CompletableFuture<>();
            CompletableFuture<Void> ran = CompletableFuture.runAsync(() -> {
                try (Socket frontend = zmq.socket(SocketType.PULL); Socket backend = zmq.socket(SocketType.PUSH);
                     Socket steered = zmq.socket(SocketType.PAIR)) {
                    steered.connect(controlEndpoint);
                    ready.complete(new String[] {frontend.bind(TestContext.inproc()), backend.bind(TestContext.inproc())});
                    Zmq.proxySteerable(frontend, backend, null, steered);
                }
            });
            String[] endpoints = ready.get(10, TimeUnit.SECONDS);
            push.connect(endpoints[0]);
            pull.connect(endpoints[1]);
            control.send("PAUSE!");
            control.send(new byte[0]);
            push.send("still forwarding");
            assertEquals("still forwarding", pull.recvString());
            control.send("PAUSE");
            control.send("STATISTICS"); // answered after the PAUSE has been acted on
            assertEquals(1, Statistics.fromFrames(control.recvMultipart().asList()).frontendMessagesIn());
            push.send("held back");
            pull.set(SocketOption.RCVTIMEO, 200);
            assertNull(pull.recvString(), "paused");
            control.send("RESUME");
            pull.set(SocketOption.RCVTIMEO, 10_000);
            assertEquals("held back", pull.recvString());
            control.send("TERMINATE");
            ran.get(10, TimeUnit.SECONDS);
        }
    }
}
