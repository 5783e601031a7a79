package io.github.zmqffm;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Blocking calls from virtual threads park ({@link WaitStrategy#PARK}, the default there): they complete when the
 * peer acts, honour the timeouts, and end promptly, with the documented outcome, on an interrupt, a context shutdown
 * and a close from another thread; the draft thread-safe types back off instead.
 */
class VirtualThreadWaitTest {

    private static final long BOUND_SECONDS = 10;

    @RegisterExtension
    final TestContext zmq = new TestContext();

    /** Runs {@code body} on a virtual thread; the future completes with its result or failure. */
    private static <T> CompletableFuture<T> virtual(java.util.concurrent.Callable<T> body) {
        CompletableFuture<T> outcome = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try {
                outcome.complete(body.call());
            } catch (Throwable t) {
                outcome.completeExceptionally(t);
            }
        });
        return outcome;
    }

    /** The thread the future's body runs on, once it is parked (WAITING or TIMED_WAITING). */
    private static void awaitParked(Thread[] holder) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(BOUND_SECONDS);
        while (holder[0] == null || holder[0].getState() != Thread.State.WAITING
                && holder[0].getState() != Thread.State.TIMED_WAITING) {
            assertTrue(System.nanoTime() < deadline, "the virtual thread never parked");
            LockSupport.parkNanos(1_000_000);
        }
    }

    private static Throwable failureOf(CompletableFuture<?> outcome) throws Exception {
        try {
            outcome.get(BOUND_SECONDS, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            return e.getCause();
        }
        throw new AssertionError("no failure");
    }

    @Test
    void aVirtualThreadsReceiveParksUntilTheMessageComes() throws Exception {
        try (Socket pull = zmq.socket(SocketType.PULL); Socket push = zmq.socket(SocketType.PUSH)) {
            push.connect(pull.bind(TestContext.inproc()));
            pull.set(SocketOption.RCVTIMEO, -1);
            Thread[] receiver = new Thread[1];
            CompletableFuture<String> got = virtual(() -> {
                receiver[0] = Thread.currentThread();
                return pull.recvString();
            });
            awaitParked(receiver); // parked, not blocked in native code (that would show as RUNNABLE)
            push.send("hello");
            assertEquals("hello", got.get(BOUND_SECONDS, TimeUnit.SECONDS));
            assertEquals(WaitStrategy.AUTO, pull.waitStrategy());
        }
    }

    @Test
    void theReceiveTimeoutIsHonoured() throws Exception {
        try (Socket pull = zmq.socket(SocketType.PULL)) {
            pull.bind(TestContext.inproc());
            pull.set(SocketOption.RCVTIMEO, 200);
            CompletableFuture<long[]> outcome = virtual(() -> {
                long start = System.nanoTime();
                byte[] none = pull.recv();
                return new long[] {none == null ? 1 : 0, (System.nanoTime() - start) / 1_000_000};
            });
            long[] result = outcome.get(BOUND_SECONDS, TimeUnit.SECONDS);
            assertEquals(1, result[0], "no message: null");
            assertTrue(result[1] >= 195, "returned after " + result[1] + " ms, before the 200 ms timeout");
        }
    }

    @Test
    void anInterruptWakesAParkedReceiveAndTheSocketStaysUsable() throws Exception {
        try (Socket pull = zmq.socket(SocketType.PULL); Socket push = zmq.socket(SocketType.PUSH)) {
            push.connect(pull.bind(TestContext.inproc()));
            pull.set(SocketOption.RCVTIMEO, -1);
            Thread[] receiver = new Thread[1];
            CompletableFuture<String> outcome = virtual(() -> {
                receiver[0] = Thread.currentThread();
                try {
                    pull.recv();
                    return "received?";
                } catch (ZmqInterruptedException e) {
                    boolean status = Thread.interrupted();
                    return e.error() + " " + status + " " + pull.recvString();
                }
            });
            awaitParked(receiver);
            receiver[0].interrupt();
            LockSupport.parkNanos(50_000_000);
            push.send("after");
            assertEquals("EINTR true after", outcome.get(BOUND_SECONDS, TimeUnit.SECONDS));
        }
    }

    @Test
    void contextShutdownWakesAParkedReceiveWithTerm() throws Exception {
        try (Context context = new Context()) {
            Socket pull = context.socket(SocketType.PULL);
            pull.bind(TestContext.inproc());
            Thread[] receiver = new Thread[1];
            CompletableFuture<Object> outcome = virtual(() -> {
                receiver[0] = Thread.currentThread();
                try {
                    return pull.recv();
                } finally {
                    pull.close();
                }
            });
            awaitParked(receiver);
            context.shutdown();
            assertInstanceOf(ContextTerminatedException.class, failureOf(outcome));
        }
    }

    @Test
    void contextCloseWakesAParkedReceiveWithTerm() throws Exception {
        Context context = new Context();
        Socket pull = context.socket(SocketType.PULL);
        pull.bind(TestContext.inproc());
        Thread[] receiver = new Thread[1];
        CompletableFuture<Object> outcome = virtual(() -> {
            receiver[0] = Thread.currentThread();
            return pull.recv();
        });
        awaitParked(receiver);
        long start = System.nanoTime();
        context.close();
        assertInstanceOf(ContextTerminatedException.class, failureOf(outcome));
        assertTrue(pull.isClosed());
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5), "close took too long");
    }

    @Test
    void aCloseFromAnotherThreadWakesAParkedReceiveAndCloses() throws Exception {
        Socket pull = zmq.socket(SocketType.PULL);
        pull.bind(TestContext.inproc());
        pull.set(SocketOption.RCVTIMEO, -1);
        Thread[] receiver = new Thread[1];
        CompletableFuture<Object> outcome = virtual(() -> {
            receiver[0] = Thread.currentThread();
            return pull.recv();
        });
        awaitParked(receiver);
        pull.close(); // would throw "in a call on thread ..." if the wait did not give up
        Throwable failure = failureOf(outcome);
        assertInstanceOf(IllegalStateException.class, failure);
        assertTrue(failure.getMessage().contains("closed by another thread"), failure.getMessage());
        assertTrue(pull.isClosed());
    }

    @Test
    void aSendOnAFullQueueParksUntilThereIsRoomAndHonoursItsTimeout() throws Exception {
        try (Socket push = zmq.socket(SocketType.PUSH); Socket pull = zmq.socket(SocketType.PULL)) {
            push.set(SocketOption.SNDHWM, 1);
            pull.set(SocketOption.RCVHWM, 1);
            push.set(SocketOption.SNDTIMEO, 300);
            push.bind(TestContext.inproc());
            CompletableFuture<Integer> queued = virtual(() -> {
                int sent = 0;
                while (push.send("x")) { // until the 300 ms timeout: false
                    sent++;
                }
                return sent;
            });
            int sent = queued.get(BOUND_SECONDS, TimeUnit.SECONDS);
            assertEquals(0, sent, "no peer yet: a PUSH queues nothing");
            pull.connect(push.lastEndpoint());
            push.set(SocketOption.SNDTIMEO, -1);
            Thread[] sender = new Thread[1];
            CompletableFuture<Integer> all = virtual(() -> {
                sender[0] = Thread.currentThread();
                for (int i = 0; i < 20; i++) {
                    push.send("m" + i);
                }
                return 20;
            });
            awaitParked(sender); // the HWM of 1+1 stops it
            for (int i = 0; i < 20; i++) {
                assertEquals("m" + i, pull.recvString());
            }
            assertEquals(20, all.get(BOUND_SECONDS, TimeUnit.SECONDS));
        }
    }

    @Test
    void pollerAndSocketPollerPollsParkAndWake() throws Exception {
        try (Socket pull = zmq.socket(SocketType.PULL); Socket push = zmq.socket(SocketType.PUSH);
             Poller poller = new Poller(); SocketPoller socketPoller = new SocketPoller()) {
            push.connect(pull.bind(TestContext.inproc()));
            try (OsPipe pipe = new OsPipe()) {
                Thread[] waiter = new Thread[1];
                CompletableFuture<String> outcome = virtual(() -> {
                    waiter[0] = Thread.currentThread();
                    int in = poller.register(pull, Poller.POLLIN);
                    int fd = poller.register(pipe.readFd, Poller.POLLIN);
                    int first = poller.poll(Duration.ofSeconds(BOUND_SECONDS));
                    String result = first + " " + poller.isReadable(in) + " " + poller.isReadable(fd);
                    pull.recvString();
                    socketPoller.add(pull, Poller.POLLIN);
                    socketPoller.add(pipe.readFd, Poller.POLLIN);
                    int second = socketPoller.poll(Duration.ofSeconds(BOUND_SECONDS));
                    return result + " / " + second + " " + (socketPoller.fd(0) == pipe.readFd);
                });
                awaitParked(waiter);
                push.send("wake");
                LockSupport.parkNanos(100_000_000);
                pipe.writeByte(); // now the socket poller's raw fd
                assertEquals("1 true false / 1 true", outcome.get(BOUND_SECONDS, TimeUnit.SECONDS));
            }
        }
    }

    @Test
    void anInterruptWakesAParkedPoll() throws Exception {
        try (Socket pull = zmq.socket(SocketType.PULL); Poller poller = new Poller()) {
            pull.bind(TestContext.inproc());
            Thread[] waiter = new Thread[1];
            CompletableFuture<String> outcome = virtual(() -> {
                waiter[0] = Thread.currentThread();
                poller.register(pull, Poller.POLLIN);
                try {
                    poller.poll(Duration.ofMillis(-1));
                    return "returned?";
                } catch (ZmqInterruptedException e) {
                    return "interrupted " + Thread.interrupted();
                }
            });
            awaitParked(waiter);
            waiter[0].interrupt();
            assertEquals("interrupted true", outcome.get(BOUND_SECONDS, TimeUnit.SECONDS));
        }
    }

    @Test
    void aLoopOnAVirtualThreadStopsWhenAskedFromAnotherThread() throws Exception {
        try (Socket pull = zmq.socket(SocketType.PULL); ZLoop loop = new ZLoop()) {
            pull.bind(TestContext.inproc());
            loop.add(pull, Poller.POLLIN, (socket, events) -> socket.recv());
            Thread[] runner = new Thread[1];
            CompletableFuture<Boolean> outcome = virtual(() -> {
                runner[0] = Thread.currentThread();
                loop.run();
                return true;
            });
            awaitParked(runner);
            loop.stop();
            assertTrue(outcome.get(BOUND_SECONDS, TimeUnit.SECONDS));
        }
    }

    @Test
    void threadSafeDraftSocketsBackOffFromVirtualThreads() throws Exception {
        try (Socket server = zmq.socket(SocketType.SERVER); Socket client = zmq.socket(SocketType.CLIENT)) {
            client.connect(server.bind(TestContext.inproc()));
            server.set(SocketOption.RCVTIMEO, 150);
            CompletableFuture<String> outcome = virtual(() -> {
                long start = System.nanoTime();
                byte[] none = server.recv(); // nothing yet: back-off until the timeout
                long waited = (System.nanoTime() - start) / 1_000_000;
                server.set(SocketOption.RCVTIMEO, -1);
                Thread.ofPlatform().start(() -> {
                    LockSupport.parkNanos(50_000_000);
                    client.send("late");
                });
                String late = new String(server.recv());
                return (none == null) + " " + (waited >= 145) + " " + late;
            });
            assertEquals("true true late", outcome.get(BOUND_SECONDS, TimeUnit.SECONDS));
            Thread[] receiver = new Thread[1];
            CompletableFuture<String> interrupted = virtual(() -> {
                receiver[0] = Thread.currentThread();
                try {
                    server.recv();
                    return "received?";
                } catch (ZmqInterruptedException e) {
                    return "interrupted " + Thread.interrupted();
                }
            });
            awaitParked(receiver);
            receiver[0].interrupt();
            assertEquals("interrupted true", interrupted.get(BOUND_SECONDS, TimeUnit.SECONDS));
        }
    }

    @Test
    void theSocketsStrategyOverridesTheContextsAndNativeStillWorks() throws Exception {
        zmq.context().setWaitStrategy(WaitStrategy.NATIVE);
        try (Socket pull = zmq.socket(SocketType.PULL); Socket push = zmq.socket(SocketType.PUSH)) {
            push.connect(pull.bind(TestContext.inproc()));
            assertEquals(WaitStrategy.NATIVE, pull.waitStrategy());
            pull.setWaitStrategy(WaitStrategy.PARK);
            assertEquals(WaitStrategy.PARK, pull.waitStrategy());
            pull.setWaitStrategy(null);
            assertEquals(WaitStrategy.NATIVE, pull.waitStrategy());
            CompletableFuture<String> got = virtual(pull::recvString); // blocks in libzmq, pinning a carrier
            LockSupport.parkNanos(50_000_000);
            push.send("native");
            assertEquals("native", got.get(BOUND_SECONDS, TimeUnit.SECONDS));
        }
    }

    @Test
    void aMillionMessagesReachAVirtualThreadInOrder() throws Exception {
        int total = 1_000_000;
        try (Socket push = zmq.socket(SocketType.PUSH); Socket pull = zmq.socket(SocketType.PULL)) {
            push.connect(pull.bind(TestContext.inproc()));
            CompletableFuture<String> received = virtual(() -> {
                byte[] buffer = new byte[8];
                java.nio.ByteBuffer view = java.nio.ByteBuffer.wrap(buffer);
                long expected = 0;
                for (int i = 0; i < total; i++) {
                    if (pull.recv(buffer) != 8) {
                        return "message " + i + " has a wrong size";
                    }
                    long value = view.getLong(0);
                    if (value != expected) {
                        return "message " + i + " is " + value + ", expected " + expected;
                    }
                    expected++;
                }
                return "all " + expected + (pull.recv(RecvFlag.DONTWAIT) == null ? ", nothing more" : ", one too many");
            });
            CompletableFuture<Void> sent = CompletableFuture.runAsync(() -> {
                byte[] buffer = new byte[8];
                java.nio.ByteBuffer view = java.nio.ByteBuffer.wrap(buffer);
                for (long i = 0; i < total; i++) {
                    view.putLong(0, i);
                    push.send(buffer);
                }
            }, command -> Thread.ofVirtual().start(command));
            sent.get(120, TimeUnit.SECONDS);
            assertEquals("all " + total + ", nothing more", received.get(120, TimeUnit.SECONDS));
        }
    }
}
