package io.github.zmqffm;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The reactor, actors and {@link Zmq#proxy} end cleanly when their thread is interrupted while it waits in
 * {@code Poller.poll} or {@code Socket.recv}. That wait is woken by the interruptible waits of the safety work (an
 * unchecked {@code ZmqInterruptedException}, a {@link ZmqException} with EINTR, interrupt status kept, socket still
 * usable); until that class exists these tests are skipped, and they run by themselves once it does.
 */
@EnabledIf("interruptibleWaitsLanded")
class InterruptibleLoopsTest {

    private static final Duration BOUND = Duration.ofSeconds(10);

    @RegisterExtension
    final TestContext zmq = new TestContext();

    static boolean interruptibleWaitsLanded() {
        try {
            Class.forName("io.github.zmqffm.ZmqInterruptedException");
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    /** Interrupts {@code thread} 100 ms from now, from another thread. */
    private static void interruptSoon(Thread thread) {
        Thread.ofPlatform().daemon().start(() -> {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            }
            thread.interrupt();
        });
    }

    @Test
    void anInterruptWakesAWaitingLoopWhichReturnsWithTheStatusSetAndItsSocketsUsable() throws Exception {
        CompletableFuture<String> outcome = new CompletableFuture<>();
        Thread loopThread = Thread.ofPlatform().start(() -> {
            try (Socket pull = zmq.socket(SocketType.PULL); Socket push = zmq.socket(SocketType.PUSH);
                 ZLoop loop = new ZLoop()) {
                push.connect(pull.bind(TestContext.inproc()));
                loop.add(pull, Poller.POLLIN, (socket, events) -> socket.recv());
                interruptSoon(Thread.currentThread());
                loop.run(); // nothing arrives and no timer is due: only the interrupt can end this
                boolean interrupted = Thread.interrupted();
                push.send("still usable");
                outcome.complete(interrupted + " " + pull.recvString());
            } catch (Throwable t) {
                outcome.completeExceptionally(t);
            }
        });
        assertEquals("true still usable", outcome.get(BOUND.toSeconds(), TimeUnit.SECONDS));
        loopThread.join(BOUND.toMillis());
    }

    @Test
    void closeEndsAnActorBlockedInAReceiveThatIgnoresTerm() throws InterruptedException {
        ZActor deaf = ZActor.start(zmq.context(), "deaf", pipe -> {
            try (Socket silent = zmq.socket(SocketType.PULL)) {
                silent.bind(TestContext.inproc());
                silent.recv(); // never reads the pipe: only close's interrupt ends this
            }
        });
        deaf.close(Duration.ofMillis(200));
        assertFalse(deaf.isAlive());
        assertTrue(deaf.failure().isEmpty(), "the interrupt close sent is not a failure");
    }

    @Test
    void closeEndsAnActorWhoseLoopIgnoresTerm() throws InterruptedException {
        ZActor deaf = ZActor.start(zmq.context(), "deaf-loop", pipe -> {
            try (ZLoop loop = new ZLoop()) {
                loop.run(); // the pipe is not in the loop: only close's interrupt ends this
            }
        });
        deaf.close(Duration.ofMillis(200));
        assertFalse(deaf.isAlive());
        assertTrue(deaf.failure().isEmpty());
    }

    @Test
    void anInterruptedProxyStopsAndHandsItsSocketsBack() throws Exception {
        CompletableFuture<String> outcome = new CompletableFuture<>();
        Thread proxyThread = Thread.ofPlatform().start(() -> {
            try (Socket frontend = zmq.socket(SocketType.PULL); Socket backend = zmq.socket(SocketType.PUSH);
                 Socket in = zmq.socket(SocketType.PUSH); Socket out = zmq.socket(SocketType.PULL)) {
                in.connect(frontend.bind(TestContext.inproc()));
                out.connect(backend.bind(TestContext.inproc()));
                interruptSoon(Thread.currentThread());
                Zmq.proxy(frontend, backend, null);
                boolean interrupted = Thread.interrupted();
                in.send("after");
                backend.send(frontend.recv()); // the sockets are this thread's again
                outcome.complete(interrupted + " " + out.recvString());
            } catch (Throwable t) {
                outcome.completeExceptionally(t);
            }
        });
        assertEquals("true after", outcome.get(BOUND.toSeconds(), TimeUnit.SECONDS));
        proxyThread.join(BOUND.toMillis());
    }
}
