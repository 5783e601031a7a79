package io.github.zmqffm;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ZMsgTest {

    @RegisterExtension
    final TestContext zmq = new TestContext();

    private static List<String> strings(ZMsg msg) {
        List<String> strings = new ArrayList<>();
        for (Msg frame : msg) {
            strings.add(frame.getString());
        }
        return strings;
    }

    @Test
    void framesArePushedPoppedAddedAndPeeked() {
        try (ZMsg msg = new ZMsg()) {
            assertTrue(msg.isEmpty());
            assertNull(msg.peekFirst());
            assertNull(msg.popString());
            assertThrows(NoSuchElementException.class, msg::pop);
            msg.addString("body");
            msg.pushString("header");
            msg.add(new byte[] {1, 2, 3});
            msg.push(Msg.copyOf("first".getBytes(StandardCharsets.UTF_8)));
            assertEquals(4, msg.size());
            assertEquals(5 + 6 + 4 + 3, msg.contentSize());
            assertEquals("first", msg.peekFirst().getString());
            assertArrayEquals(new byte[] {1, 2, 3}, msg.peekLast().toArray());
            assertEquals("first", msg.popString());
            try (Msg header = msg.pop()) {
                assertEquals("header", header.getString());
            }
            try (Msg last = msg.pollLast()) {
                assertEquals(3, last.size());
            }
            assertEquals(List.of("body"), strings(msg));
            assertThrows(UnsupportedOperationException.class, () -> {
                var frames = msg.iterator();
                frames.next();
                frames.remove();
            });
            msg.clear();
            assertTrue(msg.isEmpty());
        }
    }

    @Test
    void wrapAndUnwrapAnEnvelope() {
        try (ZMsg msg = ZMsg.ofStrings("request")) {
            msg.wrap(Msg.copyOf("client".getBytes(StandardCharsets.UTF_8)));
            assertEquals(List.of("client", "", "request"), strings(msg));
            msg.wrap(Msg.copyOf("worker".getBytes(StandardCharsets.UTF_8)));
            assertEquals(List.of("worker", "", "client", "", "request"), strings(msg));
            try (Msg worker = msg.unwrap()) {
                assertEquals("worker", worker.getString());
            }
            assertEquals(List.of("client", "", "request"), strings(msg));
            msg.pop().close();
            msg.pop().close();
            try (Msg request = msg.unwrap()) {
                assertEquals("request", request.getString(), "no delimiter after it: only the frame goes");
            }
            assertThrows(NoSuchElementException.class, msg::unwrap);
        }
    }

    @Test
    void aMessageTravelsWholeThroughRouterAndDealer() {
        try (Socket router = zmq.socket(SocketType.ROUTER); Socket dealer = zmq.socket(SocketType.DEALER);
             ZMsg msg = ZMsg.ofStrings("", "hello", "world")) {
            dealer.set(SocketOption.ROUTING_ID, "d1".getBytes(StandardCharsets.UTF_8));
            TestContext.connectTcp(router, dealer);
            assertTrue(msg.send(dealer));
            assertTrue(msg.isEmpty(), "a sent message is empty");
            assertTrue(msg.recv(router));
            assertEquals(List.of("d1", "", "hello", "world"), strings(msg));
            Msg address = msg.unwrap();
            msg.popString();
            msg.pushString("reply");
            msg.wrap(address);
            assertTrue(msg.send(router));
            ZMsg reply = ZMsg.recvMsg(dealer);
            assertNotNull(reply);
            assertEquals(List.of("", "reply", "world"), strings(reply));
            reply.close();
        }
    }

    @Test
    void nonBlockingReceiveOfNothingIsFalseAndEmpty() {
        try (Socket pull = zmq.socket(SocketType.PULL); ZMsg msg = ZMsg.ofStrings("old")) {
            pull.bind(TestContext.inproc());
            assertFalse(msg.recv(pull, RecvFlag.DONTWAIT));
            assertTrue(msg.isEmpty());
            pull.set(SocketOption.RCVTIMEO, 20);
            assertFalse(msg.recv(pull), "ZMQ_RCVTIMEO expired");
            assertNull(ZMsg.recvMsg(pull));
        }
    }

    @Test
    void nonBlockingReceiveNeverYieldsHalfAMessage() throws Exception {
        int messages = 200;
        try (Socket pull = zmq.socket(SocketType.PULL); ZMsg msg = new ZMsg(); Poller poller = new Poller()) {
            String endpoint = pull.bind("tcp://127.0.0.1:*");
            poller.register(pull, Poller.POLLIN);
            CompletableFuture<Void> sent = CompletableFuture.runAsync(() -> {
                try (Socket push = zmq.socket(SocketType.PUSH)) {
                    push.set(SocketOption.LINGER, 10_000); // deliver everything before the close
                    push.connect(endpoint);
                    for (int i = 0; i < messages; i++) {
                        // a large last frame takes several tcp reads: the receive below often runs in between
                        push.sendMultipart(List.of(("a" + i).getBytes(StandardCharsets.UTF_8), new byte[1],
                                new byte[2], new byte[(i * 131) % 20_000]));
                    }
                }
            });
            int received = 0;
            int wouldBlock = 0;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (received < messages && System.nanoTime() < deadline) {
                if (msg.recv(pull, RecvFlag.DONTWAIT)) {
                    assertEquals(4, msg.size(), "message " + received);
                    assertEquals("a" + received, msg.peekFirst().getString());
                    assertEquals((received * 131) % 20_000, msg.peekLast().size());
                    received++;
                } else {
                    assertTrue(msg.isEmpty());
                    wouldBlock++;
                    poller.poll(java.time.Duration.ofMillis(100));
                }
            }
            System.out.println("ZMsg: " + received + " whole messages, " + wouldBlock + " would-block results");
            assertEquals(messages, received);
            sent.get(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void aRefusedNonBlockingSendLeavesTheMessageUnchanged() {
        try (Socket push = zmq.socket(SocketType.PUSH); ZMsg msg = ZMsg.ofStrings("a", "b")) {
            push.bind(TestContext.inproc()); // no peer: a PUSH cannot send
            assertFalse(msg.send(push, SendFlag.DONTWAIT));
            assertEquals(List.of("a", "b"), strings(msg));
            assertThrows(IllegalStateException.class, () -> new ZMsg().send(push), "no frames");
        }
    }

    @Test
    void sndmoreLetsTheMessageContinue() {
        try (Socket pull = zmq.socket(SocketType.PULL); Socket push = zmq.socket(SocketType.PUSH);
             ZMsg head = ZMsg.ofStrings("h1", "h2"); ZMsg whole = new ZMsg()) {
            push.connect(pull.bind(TestContext.inproc()));
            assertTrue(head.send(push, SendFlag.SNDMORE));
            push.send("tail");
            assertTrue(whole.recv(pull));
            assertEquals(List.of("h1", "h2", "tail"), strings(whole));
        }
    }

    @Test
    void forwardingDoesNotCopyTheContent() {
        int size = 1 << 20;
        try (Socket in = zmq.socket(SocketType.PULL); Socket source = zmq.socket(SocketType.PUSH);
             Socket out = zmq.socket(SocketType.PUSH); Socket sink = zmq.socket(SocketType.PULL);
             ZMsg forwarded = new ZMsg(); Msg big = Msg.allocate(size); Msg received = new Msg()) {
            source.connect(in.bind(TestContext.inproc()));
            sink.bind(TestContext.inproc());
            out.connect(sink.get(SocketOption.LAST_ENDPOINT));
            big.data().set(ValueLayout.JAVA_BYTE, size - 1, (byte) 42);
            long address = big.data().address();
            source.send(big);
            assertTrue(forwarded.recv(in));
            assertEquals(address, forwarded.peekFirst().data().address(), "received in place");
            assertTrue(forwarded.send(out));
            assertEquals(size, sink.recv(received));
            assertEquals(address, received.data().address(), "the same bytes arrived: no copy on the way");
            assertEquals(42, received.data().get(ValueLayout.JAVA_BYTE, size - 1));
        }
    }

    @Test
    void dumpShowsTextWhereItIsPrintableAndHexOtherwise() {
        try (ZMsg msg = ZMsg.ofStrings("hello", "")) {
            msg.add(new byte[] {0, 1, (byte) 0xAB, 0x7f});
            msg.addString("x".repeat(100));
            msg.add(new byte[50]);
            String expected = "--------------------------------------\n"
                    + "[005] hello\n"
                    + "[000]\n"
                    + "[004] 0001AB7F\n"
                    + "[100] " + "x".repeat(70) + "...\n"
                    + "[050] " + "00".repeat(35) + "...";
            assertEquals(expected, msg.dump());
            assertEquals(expected, msg.toString());
        }
    }

    @Test
    void ownershipAndCloseAreChecked() {
        ZMsg msg = ZMsg.ofStrings("a");
        Msg closed = new Msg();
        closed.close();
        assertThrows(IllegalArgumentException.class, () -> msg.add(closed));
        Msg frame = msg.peekFirst();
        msg.close();
        msg.close(); // idempotent
        assertTrue(frame.isClosed(), "close frees the frames");
        assertEquals("ZMsg[closed]", msg.toString());
        assertThrows(IllegalStateException.class, () -> msg.addString("b"));
        try (Socket pull = zmq.socket(SocketType.PULL)) {
            assertThrows(IllegalStateException.class, () -> msg.recv(pull, RecvFlag.DONTWAIT));
        }
        Msg kept = Msg.copyOf(new byte[] {1});
        try (ZMsg other = new ZMsg()) {
            other.add(kept);
            assertSame(kept, other.pop(), "popped frames are the same objects");
        }
        assertFalse(kept.isClosed(), "a popped frame is the caller's: closing the ZMsg leaves it");
        kept.close();
    }
}
