package io.github.zmqffm.safety;

import io.github.zmqffm.Context;
import io.github.zmqffm.Msg;
import io.github.zmqffm.Poller;
import io.github.zmqffm.Socket;
import io.github.zmqffm.SocketType;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static io.github.zmqffm.safety.Scenarios.check;

/**
 * Class 1, lifetime during a call: an object whose only reference is the one making a blocking call is not
 * collected (and so not closed by its cleaner) during that call. The methods that make the last use are warmed up
 * first, so that the JIT compiles them and treats the reference as dead once the call has begun.
 */
public final class LifetimeScenarios {

    private static final int WARM_UP = 20_000;

    private LifetimeScenarios() {}

    @Scenario
    public static void socketWhoseLastUseIsABlockingRecvSurvivesGc() throws Exception {
        List<LogRecord> warnings = captureWarnings(Socket.class);
        try (Context context = new Context(); Socket push = Scenarios.socket(context, SocketType.PUSH, Duration.ofSeconds(10))) {
            try (Socket warm = Scenarios.socket(context, SocketType.PULL, Duration.ofSeconds(10));
                 Socket warmPush = Scenarios.socket(context, SocketType.PUSH, Duration.ofSeconds(10))) {
                String endpoint = Scenarios.inproc("warm");
                warm.bind(endpoint);
                warmPush.connect(endpoint);
                for (int i = 0; i < WARM_UP; i++) {
                    warmPush.send("w");
                    check("w".equals(lastUseIsRecv(warm)), "warm-up");
                }
            }
            String endpoint = Scenarios.inproc("lifetime");
            Socket pull = Scenarios.socket(context, SocketType.PULL, Duration.ofSeconds(10));
            pull.bind(endpoint);
            AtomicReference<Socket> only = new AtomicReference<>(pull);
            pull = null;
            AtomicReference<String> received = new AtomicReference<>();
            Thread receiver = Thread.ofPlatform().name("receiver").start(() -> received.set(lastUseIsRecv(only.getAndSet(null))));
            Scenarios.awaitBlockedInCall(receiver);
            Scenarios.collectGarbage(Duration.ofSeconds(1));
            Instant sentAt = Instant.now();
            push.connect(endpoint);
            push.send("alive");
            receiver.join(10_000);
            check("alive".equals(received.get()), "the blocked receive did not get its message: " + received.get());
            check(warnings.stream().noneMatch(record -> record.getInstant().isBefore(sentAt)),
                    "the socket was collected during its call: " + warnings);
        }
    }

    @Scenario
    public static void msgWhoseLastUseIsABlockingRecvSurvivesGc() throws Exception {
        try (Pipe pipe = Pipe.open("lifetime-msg")) {
            Socket pull = pipe.pull();
            Socket push = pipe.push();
            byte[] big = new byte[1 << 20];
            for (int i = 0; i < WARM_UP; i++) {
                push.send(new byte[8]);
                check(receiveIntoNewMsg(pull) == 8, "warm-up");
            }
            AtomicReference<Integer> size = new AtomicReference<>();
            Thread receiver = Thread.ofPlatform().name("receiver").start(() -> size.set(receiveIntoNewMsg(pull)));
            Scenarios.awaitBlockedInCall(receiver);
            Scenarios.collectGarbage(Duration.ofSeconds(1));
            push.send(big);
            receiver.join(10_000);
            check(Integer.valueOf(big.length).equals(size.get()), "the blocked receive into a Msg failed: " + size.get());
        }
    }

    @Scenario
    public static void pollerWhoseLastUseIsABlockingPollSurvivesGc() throws Exception {
        try (Pipe pipe = Pipe.open("lifetime-poller")) {
            Socket pull = pipe.pull();
            Socket push = pipe.push();
            for (int i = 0; i < WARM_UP; i++) {
                push.send(new byte[1]);
                check(pollOnce(newPoller(pull)) == 1, "warm-up");
                pull.recv();
            }
            AtomicReference<Integer> ready = new AtomicReference<>();
            AtomicReference<Poller> holder = new AtomicReference<>(newPoller(pull));
            Thread poller = Thread.ofPlatform().name("poller").start(() -> ready.set(pollOnce(holder.getAndSet(null))));
            Scenarios.awaitBlockedInCall(poller);
            Scenarios.collectGarbage(Duration.ofSeconds(1));
            push.send("wake");
            poller.join(10_000);
            check(Integer.valueOf(1).equals(ready.get()), "the blocked poll failed: " + ready.get());
        }
    }

    // The argument is dead as soon as the call has started: only recv's own frame keeps it.
    private static String lastUseIsRecv(Socket socket) {
        return socket.recvString();
    }

    private static int receiveIntoNewMsg(Socket socket) {
        return socket.recv(new Msg());
    }

    private static int pollOnce(Poller poller) {
        return poller.poll(Duration.ofSeconds(10));
    }

    private static Poller newPoller(Socket socket) {
        Poller poller = new Poller();
        poller.register(socket, Poller.POLLIN);
        return poller;
    }

    private static List<LogRecord> captureWarnings(Class<?> source) {
        List<LogRecord> records = new CopyOnWriteArrayList<>();
        Logger logger = Logger.getLogger(source.getName());
        logger.addHandler(new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                    records.add(record);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        });
        return records;
    }
}
