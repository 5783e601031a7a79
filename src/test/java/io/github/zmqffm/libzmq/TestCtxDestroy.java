package io.github.zmqffm.libzmq;

import io.github.zmqffm.Context;
import io.github.zmqffm.ContextTerminatedException;
import io.github.zmqffm.Poller;
import io.github.zmqffm.SendFlag;
import io.github.zmqffm.Socket;
import io.github.zmqffm.SocketOption;
import io.github.zmqffm.SocketPoller;
import io.github.zmqffm.SocketType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * libzmq {@code tests/test_ctx_destroy.cpp}: terminating a context, shutting it down under a blocked receive or
 * poll, and sockets asked for after a shutdown. Added: linger at close (what a closed socket still delivers and how
 * long the context's termination waits for it) and a close that wakes every thread blocked on its sockets. Each
 * test makes its own context; every close is bounded.
 */
class TestCtxDestroy {

    private static final Duration BOUND = Duration.ofSeconds(15);

    @Test
    void testCtxDestroy() {
        Context context = new Context();
        Socket socket = context.socket(SocketType.PULL);
        socket.close();
        assertTimeoutPreemptively(BOUND, context::close);
        assertTrue(context.isClosed());
    }

    @Test
    void testCtxShutdown() throws Exception {
        Context context = new Context();
        Socket socket = context.socket(SocketType.PULL);
        CompletableFuture<Throwable> receiver = CompletableFuture.supplyAsync(() -> {
            try {
                socket.recv();
                return null;
            } catch (Throwable e) {
                return e;
            }
        }, task -> Thread.ofPlatform().start(task));
        Scenario.settle(); // let it block
        context.shutdown(); // a zmq_ctx_term here would deadlock with the blocked receive
        assertInstanceOf(ContextTerminatedException.class, receiver.get(10, TimeUnit.SECONDS));
        socket.close();
        assertTimeoutPreemptively(BOUND, context::close, "nothing left open: the termination does not hang");
    }

    @Test
    void testCtxShutdownSocketOpenedAfter() {
        Context context = new Context();
        context.socket(SocketType.PULL).close(); // starts the context
        context.shutdown();
        assertThrows(ContextTerminatedException.class, () -> context.socket(SocketType.PULL));
        assertTimeoutPreemptively(BOUND, context::close);
    }

    @Test
    void testCtxShutdownOnlySocketOpenedAfter() {
        Context context = new Context();
        context.shutdown();
        assertThrows(ContextTerminatedException.class, () -> context.socket(SocketType.PULL));
        assertTimeoutPreemptively(BOUND, context::close);
    }

    /** libzmq's test_poller_exists_with_socket_on_zmq_ctx_term, for a DEALER and a thread-safe CLIENT. */
    @ParameterizedTest
    @EnumSource(names = {"DEALER", "CLIENT"})
    void testPollerExistsWithSocketOnZmqCtxTerm(SocketType type) throws Exception {
        Context context = new Context();
        CountDownLatch polling = new CountDownLatch(1);
        CompletableFuture<Throwable> poller = CompletableFuture.supplyAsync(() -> {
            try (Socket socket = context.socket(type); SocketPoller items = new SocketPoller()) {
                items.add(socket, Poller.POLLIN);
                polling.countDown();
                items.poll(Duration.ofMillis(-1));
                return null;
            } catch (Throwable e) {
                return e;
            }
        }, task -> Thread.ofPlatform().start(task));
        assertTrue(polling.await(10, TimeUnit.SECONDS));
        Scenario.settle();
        assertTimeoutPreemptively(BOUND, context::close, "closing wakes the poller and the thread closes its socket");
        assertInstanceOf(ContextTerminatedException.class, poller.get(10, TimeUnit.SECONDS));
    }

    /** Added: a context closed under several threads blocked in receives and polls wakes them all and terminates. */
    @Test
    void closeWakesEveryThreadBlockedOnItsSocketsAndTerminates() throws Exception {
        Context context = new Context(2);
        int threads = 8;
        CountDownLatch ready = new CountDownLatch(threads);
        List<CompletableFuture<Throwable>> blocked = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            boolean poll = i % 2 == 0;
            blocked.add(CompletableFuture.supplyAsync(() -> {
                try (Socket socket = context.socket(SocketType.PULL)) {
                    socket.bind("tcp://127.0.0.1:*");
                    ready.countDown();
                    if (poll) {
                        try (Poller poller = new Poller()) {
                            poller.register(socket, Poller.POLLIN);
                            poller.poll(Duration.ofMillis(-1));
                        }
                    } else {
                        socket.recv();
                    }
                    return null;
                } catch (Throwable e) {
                    return e;
                }
            }, task -> Thread.ofPlatform().start(task)));
        }
        assertTrue(ready.await(10, TimeUnit.SECONDS));
        Scenario.settle();
        assertTimeoutPreemptively(BOUND, context::close);
        for (CompletableFuture<Throwable> thread : blocked) {
            assertInstanceOf(ContextTerminatedException.class, thread.get(10, TimeUnit.SECONDS));
        }
        assertEquals(0, context.openSockets());
    }

    /**
     * Added: a socket closed with a positive ZMQ_LINGER keeps what it queued for that long, so a peer that binds
     * after the close still gets every message, in order.
     */
    @Test
    void lingerDeliversWhatWasQueuedAfterTheSocketIsClosed() {
        String endpoint = Scenario.unusedTcpEndpoint();
        try (Context context = new Context()) {
            queueTenThenClose(context, endpoint, 5000);
            try (Socket pull = bindPull(context, endpoint, 5000)) {
                for (int i = 0; i < 10; i++) {
                    assertEquals("m" + i, pull.recvString(), "delivered after the close, within the linger");
                }
            }
        }
    }

    /**
     * Added: with ZMQ_LINGER 0 a closed socket's queued messages are dropped at once; a later peer gets nothing.
     * libzmq drops them as its reaper tears the socket down, a moment after zmq_close returns, so the sender's
     * context is terminated first (zmq_ctx_term returns once the reaper is done): a peer bound before that could
     * still catch a reconnect of the dying session.
     */
    @Test
    void lingerZeroDropsWhatWasQueuedAtClose() {
        String endpoint = Scenario.unusedTcpEndpoint();
        Context sender = new Context();
        queueTenThenClose(sender, endpoint, 0);
        assertTimeoutPreemptively(BOUND, sender::close, "linger 0: nothing to wait for");
        try (Context context = new Context(); Socket pull = bindPull(context, endpoint, 1000)) {
            assertNull(pull.recv(), "nothing survives a close with linger 0");
        }
    }

    /** A PUSH with this linger connects to an endpoint nobody listens on yet, queues ten messages and closes. */
    private static void queueTenThenClose(Context context, String endpoint, int lingerMillis) {
        try (Socket push = context.socket(SocketType.PUSH)) {
            push.set(SocketOption.LINGER, lingerMillis);
            push.set(SocketOption.RECONNECT_IVL, 50);
            push.connect(endpoint);
            for (int i = 0; i < 10; i++) {
                assertTrue(push.send("m" + i, SendFlag.DONTWAIT));
            }
        }
    }

    private static Socket bindPull(Context context, String endpoint, int timeoutMillis) {
        Socket pull = context.socket(SocketType.PULL);
        pull.set(SocketOption.LINGER, 0);
        pull.set(SocketOption.RCVTIMEO, timeoutMillis);
        pull.bind(endpoint);
        return pull;
    }

    /**
     * Added: zmq_ctx_term waits for a closed socket's linger when its messages cannot leave (nobody listens), and
     * no longer: Context.close() returns after about the linger, well inside its term timeout.
     */
    @Test
    void termWaitsForTheLingerOfUnsentMessagesThenReturns() {
        Context context = new Context();
        Socket push = context.socket(SocketType.PUSH);
        push.set(SocketOption.LINGER, 1500);
        push.connect(Scenario.unusedTcpEndpoint());
        assertTrue(push.send("stuck", SendFlag.DONTWAIT));
        push.close();
        long start = System.nanoTime();
        assertTimeoutPreemptively(BOUND, context::close);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis >= 1400, "the term waited for the linger: " + millis + " ms");
        assertTrue(millis < 10_000, "and not for the 10 s term timeout: " + millis + " ms");
    }
}
