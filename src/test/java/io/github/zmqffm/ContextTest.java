package io.github.zmqffm;

import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ContextTest {

    @Test
    void optionsAreSetAndRead() {
        try (Context context = new Context(2)) {
            assertEquals(2, context.get(ContextOption.IO_THREADS));
            context.set(ContextOption.MAX_SOCKETS, 64);
            assertEquals(64, context.get(ContextOption.MAX_SOCKETS));
            assertEquals(64, context.get(ContextOption.MSG_T_SIZE));
            assertTrue(context.get(ContextOption.SOCKET_LIMIT) > 0);
            TestContext.assertErrno(Errno.EINVAL, () -> context.set(ContextOption.IO_THREADS, -1));
        }
    }

    @Test
    void closeClosesTheSocketsItMadeAndIsIdempotent() {
        Context context = new Context();
        Socket a = context.socket(SocketType.PUSH);
        Socket b = context.socket(SocketType.PULL);
        a.connect("inproc://close-test");
        assertEquals(2, context.openSockets());
        b.close();
        assertEquals(1, context.openSockets());

        assertTimeoutPreemptively(Duration.ofSeconds(5), context::close);
        context.close();

        assertTrue(a.isClosed());
        assertTrue(context.isClosed());
        assertEquals(0, context.openSockets());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> a.send("x"));
        assertTrue(e.getMessage().contains("context was closed"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> context.socket(SocketType.PAIR));
    }

    @Test
    void closeDoesNotHangOnUnsentMessagesWithTheDefaultLinger() {
        Context context = new Context();
        Socket push = context.socket(SocketType.PUSH);
        push.connect("tcp://127.0.0.1:1"); // nobody listens: the messages can never leave
        for (int i = 0; i < 10; i++) {
            assertTrue(push.send("stuck", SendFlag.DONTWAIT));
        }
        assertTimeoutPreemptively(Duration.ofSeconds(5), context::close);
    }

    @Test
    void closeIsBoundedEvenWhenTermBlocks() {
        Context context = new Context();
        context.setTermTimeout(Duration.ofMillis(300));
        Socket push = context.socket(SocketType.PUSH);
        push.set(SocketOption.LINGER, -1);
        push.connect("tcp://127.0.0.1:1");
        push.send("never delivered", SendFlag.DONTWAIT);
        push.close(); // with linger -1 and an unsent message, zmq_ctx_term would wait forever

        long start = System.nanoTime();
        assertTimeoutPreemptively(Duration.ofSeconds(5), context::close);
        assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(250), "close waited for the term timeout");
    }

    @Test
    void shutdownWakesABlockedReceiveWithContextTerminated() throws Exception {
        try (Context context = new Context()) {
            CompletableFuture<Throwable> outcome = new CompletableFuture<>();
            Thread receiver = Thread.ofPlatform().start(() -> {
                try (Socket pull = context.socket(SocketType.PULL)) {
                    pull.bind("inproc://shutdown-test");
                    outcome.complete(null);
                    pull.recv(); // blocks: nobody sends
                    outcome.obtrudeValue(new AssertionError("recv returned"));
                } catch (Throwable t) {
                    outcome.obtrudeValue(t);
                }
            });
            outcome.get(5, TimeUnit.SECONDS); // bound
            Thread.sleep(100);
            context.shutdown();
            receiver.join(5000);
            assertInstanceOf(ContextTerminatedException.class, outcome.get(5, TimeUnit.SECONDS));
            assertEquals(Errno.ETERM, ((ZmqException) outcome.get()).error());
            assertEquals(0, context.openSockets());
        }
    }

    @Test
    void adoptSharesANativeContextWithoutOwningIt() {
        try (Context owner = new Context(); Socket pull = owner.socket(SocketType.PULL)) {
            pull.set(SocketOption.RCVTIMEO, 5000);
            pull.bind("inproc://adopted");
            MemorySegment nativeContext = owner.handle();
            try (Context adopted = Context.adopt(nativeContext); Socket push = adopted.socket(SocketType.PUSH)) {
                push.connect("inproc://adopted"); // inproc works only inside one native context
                push.send("shared");
            }
            assertEquals("shared", pull.recvString(), "the adopted context was terminated by its close");
        }
        assertThrows(IllegalArgumentException.class, () -> Context.adopt(MemorySegment.NULL));
    }
}
