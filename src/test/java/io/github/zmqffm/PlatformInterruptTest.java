package io.github.zmqffm;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A platform thread interrupted while it waits in {@code Poller.poll} ({@link WaitStrategy#AUTO}), or in
 * {@code recv} or a {@code send} on a full queue of a socket set to {@link WaitStrategy#INTERRUPTIBLE}, wakes with
 * {@link ZmqInterruptedException}, its interrupt status set and the socket usable; with
 * {@link WaitStrategy#NATIVE}, which {@code AUTO} means for a platform thread's sends and receives, the interrupt
 * does not reach the wait, as documented.
 */
class PlatformInterruptTest {

    private static final long BOUND_SECONDS = 10;

    @RegisterExtension
    final TestContext zmq = new TestContext();

    private interface Body {
        String run() throws Exception;
    }

    /** Runs {@code body} on a platform thread that is interrupted once it waits (state RUNNABLE in native code). */
    private static String interruptedWhileWaiting(Body body) throws Exception {
        CompletableFuture<String> outcome = new CompletableFuture<>();
        Thread thread = Thread.ofPlatform().start(() -> {
            try {
                outcome.complete(body.run());
            } catch (Throwable t) {
                outcome.completeExceptionally(t);
            }
        });
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200)); // it is in its wait by now
        thread.interrupt();
        try {
            return outcome.get(BOUND_SECONDS, TimeUnit.SECONDS);
        } finally {
            thread.join(TimeUnit.SECONDS.toMillis(BOUND_SECONDS));
        }
    }

    @Test
    void anInterruptWakesABlockedReceive() throws Exception {
        try (Socket pull = zmq.socket(SocketType.PULL); Socket push = zmq.socket(SocketType.PUSH)) {
            push.connect(pull.bind(TestContext.inproc()));
            pull.set(SocketOption.RCVTIMEO, -1);
            pull.setWaitStrategy(WaitStrategy.INTERRUPTIBLE);
            String outcome = interruptedWhileWaiting(() -> {
                long start = System.nanoTime();
                try {
                    pull.recv();
                    return "received?";
                } catch (ZmqInterruptedException e) {
                    boolean status = Thread.interrupted();
                    push.send("usable");
                    return e.error() + " " + status + " " + pull.recvString() + " "
                            + ((System.nanoTime() - start) / 1_000_000 < 5000);
                }
            });
            assertEquals("EINTR true usable true", outcome);
        }
    }

    @Test
    void anInterruptWakesASendOnAFullQueue() throws Exception {
        try (Socket push = zmq.socket(SocketType.PUSH); Socket pull = zmq.socket(SocketType.PULL)) {
            push.set(SocketOption.SNDHWM, 1);
            pull.set(SocketOption.RCVHWM, 1);
            push.set(SocketOption.SNDTIMEO, -1);
            push.setWaitStrategy(WaitStrategy.INTERRUPTIBLE);
            pull.connect(push.bind(TestContext.inproc()));
            String outcome = interruptedWhileWaiting(() -> {
                int sent = 0;
                try {
                    for (; sent < 1000; sent++) {
                        push.send("x");
                    }
                    return "never full?";
                } catch (ZmqInterruptedException e) {
                    Thread.interrupted();
                    pull.recv(); // room again: the socket goes on
                    return "interrupted after " + (sent > 0) + " " + push.send("y", SendFlag.DONTWAIT);
                }
            });
            assertEquals("interrupted after true true", outcome);
        }
    }

    @Test
    void anInterruptWakesAPoll() throws Exception {
        try (Socket pull = zmq.socket(SocketType.PULL); Poller poller = new Poller()) {
            pull.bind(TestContext.inproc());
            String outcome = interruptedWhileWaiting(() -> {
                poller.register(pull, Poller.POLLIN);
                try {
                    poller.poll(Duration.ofMillis(-1));
                    return "returned?";
                } catch (ZmqInterruptedException e) {
                    return "interrupted " + Thread.interrupted() + " " + poller.poll(Duration.ZERO);
                }
            });
            assertEquals("interrupted true 0", outcome);
        }
    }

    @Test
    void anAlreadyInterruptedThreadStillTakesAWaitingMessageButDoesNotWait() throws Exception {
        try (Socket pull = zmq.socket(SocketType.PULL); Socket push = zmq.socket(SocketType.PUSH)) {
            push.connect(pull.bind(TestContext.inproc()));
            push.send("ready");
            pull.setWaitStrategy(WaitStrategy.INTERRUPTIBLE);
            CompletableFuture<String> outcome = CompletableFuture.supplyAsync(() -> {
                Thread.currentThread().interrupt();
                String first = pull.recvString();
                try {
                    pull.recv();
                    return "waited?";
                } catch (ZmqInterruptedException e) {
                    return first + " then " + e.error() + " " + Thread.interrupted();
                }
            }, command -> Thread.ofPlatform().start(command));
            assertEquals("ready then EINTR true", outcome.get(BOUND_SECONDS, TimeUnit.SECONDS));
        }
    }

    @Test
    void theNativeStrategyIsNotInterruptible() throws Exception {
        try (Socket pull = zmq.socket(SocketType.PULL)) {
            pull.bind(TestContext.inproc());
            pull.setWaitStrategy(WaitStrategy.NATIVE);
            pull.set(SocketOption.RCVTIMEO, 600);
            String outcome = interruptedWhileWaiting(() -> {
                long start = System.nanoTime();
                byte[] none = pull.recv(); // the interrupt at 200 ms does not end it: the timeout does
                long waited = (System.nanoTime() - start) / 1_000_000;
                return (none == null) + " " + (waited >= 590) + " " + Thread.interrupted();
            });
            assertEquals("true true true", outcome);
        }
    }

    @Test
    void aPlainReceiveOnAPlatformThreadWaitsNativelyByDefault() throws Exception {
        try (Socket pull = zmq.socket(SocketType.PULL)) {
            pull.bind(TestContext.inproc());
            pull.set(SocketOption.RCVTIMEO, 600);
            String outcome = interruptedWhileWaiting(() -> {
                long start = System.nanoTime();
                byte[] none = pull.recv(); // AUTO on a platform thread is NATIVE: only the timeout ends it
                long waited = (System.nanoTime() - start) / 1_000_000;
                return (none == null) + " " + (waited >= 590) + " " + Thread.interrupted();
            });
            assertEquals("true true true", outcome);
        }
    }

    @Test
    void theInterruptibleWaitHonoursTheTimeout() {
        try (Socket pull = zmq.socket(SocketType.PULL)) {
            pull.bind(TestContext.inproc());
            pull.setWaitStrategy(WaitStrategy.INTERRUPTIBLE);
            pull.set(SocketOption.RCVTIMEO, 150);
            long start = System.nanoTime();
            assertEquals(null, pull.recv());
            long waited = (System.nanoTime() - start) / 1_000_000;
            assertTrue(waited >= 145, "returned after " + waited + " ms");
        }
    }
}
