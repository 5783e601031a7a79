package io.github.zmqffm.libzmq;

import io.github.zmqffm.Msg;
import io.github.zmqffm.Socket;
import io.github.zmqffm.SocketOption;
import io.github.zmqffm.SocketType;
import io.github.zmqffm.TestContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * libzmq {@code tests/test_msg_ffn.cpp}: the free function of a zero-copy message ({@link Msg#wrap}) runs when the
 * message is closed unsent, and after it is sent, once libzmq is done with the content. ({@code zmq_msg_copy},
 * which the other cases use, is not part of zmq-ffm's API.) Added: exactly once per message over tcp and inproc, and
 * for a message that was queued but dropped by a close with linger 0.
 */
class TestMsgFfn {

    @RegisterExtension
    final TestContext zmq = new TestContext();

    private static final byte[] DATA = new byte[255];

    static {
        System.arraycopy("data".getBytes(), 0, DATA, 0, 4);
    }

    @Test
    void testMsgInitFfn() throws Exception {
        Arena arena = Arena.ofAuto(); // Msg.wrap takes only memory no one can close under libzmq
        try (Socket router = zmq.socket(SocketType.ROUTER);
             Socket dealer = zmq.socket(SocketType.DEALER)) {
            dealer.connect(router.bind("tcp://127.0.0.1:*"));
            MemorySegment data = arena.allocate(DATA.length);
            data.copyFrom(MemorySegment.ofArray(DATA));

            CountDownLatch closed = new CountDownLatch(1);
            Msg.wrap(data, closed::countDown).close();
            assertTrue(closed.await(5, TimeUnit.SECONDS), "closing an unsent message runs the free function");

            CountDownLatch sent = new CountDownLatch(1);
            try (Msg message = Msg.wrap(data, sent::countDown)) {
                assertTrue(dealer.send(message));
            }
            assertTrue(router.recv().length > 0, "the routing id");
            assertArrayEquals(DATA, router.recv(), "the content, read in place from our memory");
            assertTrue(sent.await(5, TimeUnit.SECONDS), "once sent and delivered, the free function runs");
        }
    }

    @Test
    void freeFunctionRunsExactlyOncePerMessageOverTcpAndInproc() throws Exception {
        int messages = 200;
        for (String transport : new String[] {"tcp://127.0.0.1:*", TestContext.inproc()}) {
            AtomicInteger released = new AtomicInteger();
            Arena arena = Arena.ofAuto();
            try (Socket pull = zmq.socket(SocketType.PULL);
                 Socket push = zmq.socket(SocketType.PUSH)) {
                push.connect(pull.bind(transport));
                MemorySegment data = arena.allocate(1024);
                for (int i = 0; i < messages; i++) {
                    try (Msg message = Msg.wrap(data, released::incrementAndGet)) {
                        assertTrue(push.send(message));
                    }
                }
                for (int i = 0; i < messages; i++) {
                    assertEquals(1024, pull.recv().length);
                }
                pull.recv(new byte[1], io.github.zmqffm.RecvFlag.DONTWAIT); // drops inproc's last reference
                awaitCount(released, messages, transport);
                Scenario.settle();
                assertEquals(messages, released.get(), "exactly once each over " + transport);
            }
        }
    }

    @Test
    void freeFunctionRunsForAQueuedMessageDroppedAtClose() throws Exception {
        CountDownLatch released = new CountDownLatch(1);
        try (Socket push = zmq.socket(SocketType.PUSH)) {
            push.set(SocketOption.LINGER, 0);
            push.connect(Scenario.unusedTcpEndpoint());
            try (Msg message = Msg.wrap(Arena.ofAuto().allocate(512), released::countDown)) {
                assertTrue(push.send(message), "queued for a peer that never comes");
            }
        }
        assertTrue(released.await(5, TimeUnit.SECONDS), "dropping it at close runs the free function");
    }

    private static void awaitCount(AtomicInteger count, int expected, String transport) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (count.get() < expected && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(expected, count.get(), "free functions run over " + transport);
    }
}
