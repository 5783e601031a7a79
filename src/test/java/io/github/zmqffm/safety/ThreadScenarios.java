package io.github.zmqffm.safety;

import io.github.zmqffm.Context;
import io.github.zmqffm.Msg;
import io.github.zmqffm.RecvFlag;
import io.github.zmqffm.SendFlag;
import io.github.zmqffm.Socket;
import io.github.zmqffm.SocketOption;
import io.github.zmqffm.SocketType;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static io.github.zmqffm.safety.Scenarios.check;
import static io.github.zmqffm.safety.Scenarios.expect;

/**
 * Class 5, two threads on one socket: a classic socket is used by one thread at a time, which zmq-ffm enforces
 * (serialising hand-overs, refusing a call while another thread is inside one); the thread-safe draft types serve
 * many threads at once.
 */
public final class ThreadScenarios {

    private ThreadScenarios() {}

    @Scenario
    public static void twoThreadsHammeringOneSocketNeverCorruptIt() throws Exception {
        try (Pipe pipe = Pipe.open("hammer")) {
            Socket pull = pipe.pull();
            Socket push = pipe.push();
            AtomicInteger sent = new AtomicInteger();
            AtomicReference<Throwable> unexpected = new AtomicReference<>();
            List<Thread> threads = new ArrayList<>();
            for (String name : List.of("left", "right")) {
                threads.add(Thread.ofPlatform().name(name).start(() -> {
                    for (int i = 0; i < 20_000; i++) {
                        try {
                            if (push.send(new byte[32], SendFlag.DONTWAIT)) {
                                sent.incrementAndGet();
                            }
                        } catch (IllegalStateException e) {
                            if (!e.getMessage().contains("left") || !e.getMessage().contains("right")) {
                                unexpected.set(e); // a refusal must name both threads
                            }
                        } catch (Throwable t) {
                            unexpected.set(t);
                        }
                    }
                }));
            }
            int received = 0;
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (threads.stream().anyMatch(Thread::isAlive) && System.nanoTime() < deadline) {
                received += pull.recv(new byte[32], RecvFlag.DONTWAIT) == 32 ? 1 : 0;
            }
            for (Thread thread : threads) {
                thread.join(10_000);
            }
            while (pull.recv(new byte[32], RecvFlag.DONTWAIT) == 32) {
                received++;
            }
            check(unexpected.get() == null, "unexpected: " + unexpected.get());
            check(received == sent.get(), "sent " + sent.get() + " but received " + received);
        }
    }

    @Scenario
    public static void aCallWhileAnotherThreadIsInsideOneIsRefusedNamingBoth() throws Exception {
        try (Pipe pipe = Pipe.open("two")) {
            Socket pull = pipe.pull();
            Socket push = pipe.push();
            Thread receiver = Thread.ofPlatform().name("first-user").start(pull::recv);
            Scenarios.awaitBlockedInCall(receiver);
            AtomicReference<IllegalStateException> refused = new AtomicReference<>();
            Thread second = Thread.ofPlatform().name("second-user").start(() -> refused.set(
                    expect(IllegalStateException.class, () -> pull.recv(RecvFlag.DONTWAIT))));
            second.join(10_000);
            String message = refused.get().getMessage();
            check(message.contains("first-user") && message.contains("second-user"), message);
            push.send("done");
            receiver.join(10_000);
        }
    }

    @Scenario
    public static void threadSafeClientAndServerServeManyThreadsAtOnce() throws Exception {
        int threads = 4;
        int each = 2_000;
        try (Context context = new Context();
             Socket server = Scenarios.socket(context, SocketType.SERVER, Duration.ofSeconds(10));
             Socket client = Scenarios.socket(context, SocketType.CLIENT, Duration.ofSeconds(10))) {
            String endpoint = Scenarios.inproc("client-server");
            server.bind(endpoint);
            client.connect(endpoint);
            AtomicInteger replies = new AtomicInteger();
            Thread echo = Thread.ofPlatform().name("server").start(() -> {
                try (Msg msg = new Msg()) {
                    for (int i = 0; i < threads * each; i++) {
                        server.recv(msg);
                        server.send(msg); // back to its routing id
                    }
                }
            });
            List<Thread> clients = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                clients.add(Thread.ofPlatform().name("client-" + t).start(() -> {
                    for (int i = 0; i < each; i++) {
                        client.send(new byte[16]);
                        if (client.recv(new byte[16]) == 16) { // any thread may get any reply
                            replies.incrementAndGet();
                        }
                    }
                }));
            }
            for (Thread thread : clients) {
                thread.join(60_000);
            }
            echo.join(10_000);
            check(replies.get() == threads * each, "replies " + replies.get());
        }
    }

    @Scenario
    public static void threadSafeRadioAndScatterServeManyThreadsAtOnce() throws Exception {
        try (Context context = new Context();
             Socket gather = Scenarios.socket(context, SocketType.GATHER, Duration.ofSeconds(10));
             Socket scatter = Scenarios.socket(context, SocketType.SCATTER, Duration.ofSeconds(10));
             Socket dish = Scenarios.socket(context, SocketType.DISH, Duration.ofSeconds(10));
             Socket radio = Scenarios.socket(context, SocketType.RADIO, Duration.ofSeconds(10))) {
            String gatherAt = Scenarios.inproc("gather");
            gather.bind(gatherAt);
            scatter.connect(gatherAt);
            String dishAt = Scenarios.inproc("dish");
            dish.bind(dishAt);
            dish.join("g");
            radio.connect(dishAt);
            radio.set(SocketOption.SNDHWM, 0);
            dish.set(SocketOption.RCVHWM, 0);
            awaitJoined(radio, dish);
            List<Thread> senders = new ArrayList<>();
            for (int t = 0; t < 3; t++) {
                senders.add(Thread.ofPlatform().name("sender-" + t).start(() -> {
                    try (Msg msg = new Msg()) {
                        for (int i = 0; i < 1_000; i++) {
                            scatter.send(new byte[8]);
                            msg.reset(8);
                            msg.setGroup("g");
                            radio.send(msg);
                        }
                    }
                }));
            }
            int gathered = 0;
            int dished = 0;
            try (Msg msg = new Msg()) {
                for (int i = 0; i < 3_000; i++) {
                    gathered += gather.recv(new byte[8]) == 8 ? 1 : 0;
                    dished += dish.recv(msg) == 8 ? 1 : 0;
                }
            }
            for (Thread thread : senders) {
                thread.join(10_000);
            }
            check(gathered == 3_000 && dished == 3_000, "gathered " + gathered + ", dished " + dished);
        }
    }

    /** RADIO drops what it sends before the DISH's join has reached it: probe until one message gets through. */
    private static void awaitJoined(Socket radio, Socket dish) throws InterruptedException {
        try (Msg msg = new Msg()) {
            for (int attempt = 0; attempt < 500; attempt++) {
                msg.reset(1);
                msg.setGroup("g");
                radio.send(msg);
                if (dish.recv(msg, RecvFlag.DONTWAIT) == 1) {
                    while (dish.recv(msg, RecvFlag.DONTWAIT) >= 0) {
                        // drain the other probes
                    }
                    return;
                }
                Thread.sleep(10);
            }
        }
        throw new AssertionError("the DISH never joined");
    }
}
