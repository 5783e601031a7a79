package io.github.zmqffm.safety;

import io.github.zmqffm.Context;
import io.github.zmqffm.ContextTerminatedException;
import io.github.zmqffm.Monitor;
import io.github.zmqffm.Msg;
import io.github.zmqffm.Poller;
import io.github.zmqffm.RecvFlag;
import io.github.zmqffm.SendFlag;
import io.github.zmqffm.Socket;
import io.github.zmqffm.SocketPoller;
import io.github.zmqffm.SocketType;
import io.github.zmqffm.WaitStrategy;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;

import static io.github.zmqffm.safety.Scenarios.check;
import static io.github.zmqffm.safety.Scenarios.expect;

/**
 * Class 4, close from another thread while a thread is inside a libzmq call on the object: the close is refused
 * with an exception naming that thread, and the call goes on; or, for a context, the call ends with ETERM.
 */
public final class CloseScenarios {

    private CloseScenarios() {}

    @Scenario
    public static void closingASocketBlockedInAnotherThreadIsRefusedNamingIt() throws Exception {
        try (Context context = new Context();
             Socket push = Scenarios.socket(context, SocketType.PUSH, Duration.ofSeconds(10))) {
            Socket pull = Scenarios.socket(context, SocketType.PULL, Duration.ofSeconds(10));
            // A wait inside libzmq cannot be woken; the other strategies give up instead (VirtualThreadWaitTest).
            pull.setWaitStrategy(WaitStrategy.NATIVE);
            String endpoint = Scenarios.inproc("close");
            pull.bind(endpoint);
            push.connect(endpoint);
            AtomicReference<String> got = new AtomicReference<>();
            Thread receiver = Thread.ofPlatform().name("blocked-receiver").start(() -> got.set(pull.recvString()));
            Scenarios.awaitBlockedInCall(receiver);
            IllegalStateException refused = expect(IllegalStateException.class, pull::close);
            check(refused.getMessage().contains("blocked-receiver"), refused.getMessage());
            check(!pull.isClosed(), "the refused close closed it");
            push.send("still works");
            receiver.join(10_000);
            check("still works".equals(got.get()), "the receive was disturbed: " + got.get());
            pull.close(); // the receiver has returned: this thread may take the socket over and close it
            check(pull.isClosed(), "closed");
        }
    }

    @Scenario
    public static void closingAMsgInUseByABlockedReceiveIsRefused() throws Exception {
        try (Pipe pipe = Pipe.open("close-msg")) {
            Socket pull = pipe.pull();
            Socket push = pipe.push();
            Msg msg = new Msg();
            AtomicReference<Integer> size = new AtomicReference<>();
            Thread receiver = Thread.ofPlatform().name("msg-receiver").start(() -> size.set(pull.recv(msg)));
            Scenarios.awaitBlockedInCall(receiver);
            IllegalStateException refused = expect(IllegalStateException.class, msg::close);
            check(refused.getMessage().contains("msg-receiver"), refused.getMessage());
            push.send(new byte[100_000]);
            receiver.join(10_000);
            check(Integer.valueOf(100_000).equals(size.get()), "size " + size.get());
            msg.close();
        }
    }

    @Scenario
    public static void closingPollersAndMonitorsInUseElsewhereIsRefused() throws Exception {
        try (Pipe pipe = Pipe.open("close-poller")) {
            Socket pull = pipe.pull();
            Socket push = pipe.push();

            Poller poller = new Poller();
            poller.register(pull, Poller.POLLIN);
            Thread polling = Thread.ofPlatform().name("poll-thread").start(() -> poller.poll(Duration.ofSeconds(10)));
            Scenarios.awaitBlockedInCall(polling);
            check(expect(IllegalStateException.class, poller::close).getMessage().contains("poll-thread"), "names it");
            push.send("wake");
            polling.join(10_000);
            poller.close();
            pull.recv();

            SocketPoller socketPoller = new SocketPoller();
            socketPoller.add(pull, Poller.POLLIN);
            Thread waiting = Thread.ofPlatform().name("wait-thread").start(() -> socketPoller.poll(Duration.ofSeconds(10)));
            Scenarios.awaitBlockedInCall(waiting);
            check(expect(IllegalStateException.class, socketPoller::close).getMessage().contains("wait-thread"), "names it");
            push.send("wake");
            waiting.join(10_000);
            socketPoller.close();
            pull.recv();

            Monitor monitor = Monitor.of(pull);
            Thread watching = Thread.ofPlatform().name("monitor-thread").start(() -> monitor.next(Duration.ofSeconds(10)));
            Scenarios.awaitBlockedInCall(watching);
            check(expect(IllegalStateException.class, monitor::close).getMessage().contains("monitor-thread"), "names it");
            pull.bind("tcp://127.0.0.1:*"); // an event (LISTENING) wakes the monitor
            watching.join(10_000);
            monitor.close();
        }
    }

    @Scenario
    public static void contextCloseNeverFreesSocketsUnderRunningCalls() throws Exception {
        for (int round = 0; round < 20; round++) {
            Context context = new Context();
            context.setCloseGrace(Duration.ofMillis(ThreadLocalRandom.current().nextInt(0, 20)));
            Socket pair = context.socket(SocketType.PAIR);
            pair.bind(Scenarios.inproc("busy"));
            AtomicReference<Throwable> ended = new AtomicReference<>();
            // A thread that ignores ETERM and keeps calling: the close must wait for it between calls.
            Thread stubborn = Thread.ofPlatform().name("stubborn").start(() -> {
                long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                while (System.nanoTime() < deadline) {
                    try {
                        pair.send(new byte[8], SendFlag.DONTWAIT);
                        pair.recv(new byte[8], RecvFlag.DONTWAIT);
                    } catch (ContextTerminatedException e) {
                        // ignored on purpose
                    } catch (IllegalStateException e) {
                        ended.set(e);
                        return;
                    }
                }
            });
            Thread.sleep(ThreadLocalRandom.current().nextInt(0, 5));
            context.close();
            stubborn.join(15_000);
            check(ended.get() != null && ended.get().getMessage().contains("closed"), "the thread did not see the close: "
                    + ended.get());
        }
    }

    /**
     * Connects to inproc endpoints nobody binds keep racing Context.close on another thread, on a thread-safe and a
     * plain socket: the close binds the pending endpoints and shuts the context down under the lock those connects
     * take (PendingInprocBinder), so each connect either pends before the binding or fails with ETERM after it.
     * A patch of libzmq that bound them inside zmq_ctx_term instead crashed here (SIGSEGV; decision 66).
     */
    @Scenario
    public static void contextCloseRacingPendingInprocConnectsEndsCleanly() throws Exception {
        for (int round = 0; round < 40; round++) {
            Context context = new Context();
            Socket socket = context.socket(round % 2 == 0 ? SocketType.SERVER : SocketType.DEALER);
            AtomicReference<RuntimeException> ended = new AtomicReference<>();
            Thread connector = Thread.ofPlatform().name("connector").start(() -> {
                long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                for (int i = 0; System.nanoTime() < deadline; i++) {
                    try {
                        socket.connect("inproc://pending-" + i); // nobody binds it: each connect pends
                    } catch (RuntimeException e) { // ETERM, or the socket closed under the next call
                        ended.set(e);
                        return;
                    }
                }
            });
            Thread.sleep(ThreadLocalRandom.current().nextInt(0, 4));
            context.close();
            connector.join(15_000);
            check(!connector.isAlive() && ended.get() != null, "the connects did not end with the close");
        }
    }

    @Scenario
    public static void closeRacingCallsOnAnotherThreadEndsCleanly() throws Exception {
        try (Context context = new Context()) {
            for (int round = 0; round < 200; round++) {
                Socket pull = context.socket(SocketType.PULL);
                Socket push = context.socket(SocketType.PUSH);
                String endpoint = Scenarios.inproc("race");
                pull.bind(endpoint);
                push.connect(endpoint);
                Thread worker = Thread.ofPlatform().name("worker").start(() -> {
                    try {
                        for (int i = 0; i < 100_000; i++) {
                            push.send(new byte[16], SendFlag.DONTWAIT);
                            pull.recv(new byte[16], RecvFlag.DONTWAIT);
                        }
                    } catch (IllegalStateException closed) {
                        // the other thread's close won
                    }
                });
                Thread.sleep(0, ThreadLocalRandom.current().nextInt(0, 200_000));
                closeRetrying(pull);
                closeRetrying(push);
                worker.join(10_000);
                check(!worker.isAlive(), "worker hung");
            }
        }
    }

    /** Close from this thread: refused while the other thread is inside a call, so try until it is between calls. */
    private static void closeRetrying(Socket socket) throws InterruptedException {
        for (int attempt = 0; ; attempt++) {
            try {
                socket.close();
                return;
            } catch (IllegalStateException busy) {
                check(attempt < 100, "close refused 100 times: " + busy.getMessage());
                Thread.sleep(1);
            }
        }
    }
}
