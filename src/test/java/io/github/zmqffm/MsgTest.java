package io.github.zmqffm;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MsgTest {

    @RegisterExtension
    final TestContext zmq = new TestContext();

    /**
     * Fuzzer finding (seed 1202, index 73246): a receive into a stale view that took the slow path (after a
     * Msg.wrap, or larger than 64 KiB as here) returned EAGAIN without a word, and a blocking one took the message
     * off the socket before the copy threw. Now it throws first and the message stays.
     */
    @Test
    void aReceiveIntoAStaleViewThrowsBeforeTakingAMessage() {
        int size = 100 * 1024;
        try (Socket pull = zmq.socket(SocketType.PULL); Socket push = zmq.socket(SocketType.PUSH);
             Msg viewed = Msg.allocate(size)) {
            pull.set(SocketOption.RCVTIMEO, 5_000);
            push.connect(pull.bind("inproc://stale-view-receive"));
            MemorySegment view = viewed.data();
            viewed.reset(1);
            assertThrows(IllegalStateException.class, () -> pull.recv(view, RecvFlag.DONTWAIT));
            push.send(new byte[size]);
            assertThrows(IllegalStateException.class, () -> pull.recv(view));
            assertEquals(size, pull.recv(new byte[size]), "the message is still on the socket");
        }
    }

    @Test
    void allocateWriteSendReceiveInPlace() {
        try (Socket pull = zmq.socket(SocketType.PULL); Socket push = zmq.socket(SocketType.PUSH);
             Msg out = Msg.allocate(1000); Msg in = new Msg()) {
            TestContext.connectTcp(pull, push);
            for (int i = 0; i < 1000; i++) {
                out.data().set(ValueLayout.JAVA_BYTE, i, (byte) i);
            }
            assertTrue(push.send(out));
            assertEquals(0, out.size(), "a sent message is empty again");
            assertEquals(1000, pull.recv(in));
            assertEquals(1000, in.data().byteSize());
            assertEquals((byte) 999, in.data().get(ValueLayout.JAVA_BYTE, 999));
            assertFalse(in.hasMore());
        }
    }

    @Test
    void reusedMessageCarriesEachNewContent() {
        try (Socket pull = zmq.socket(SocketType.PULL); Socket push = zmq.socket(SocketType.PUSH);
             Msg out = new Msg(); Msg in = new Msg()) {
            push.connect(pull.bind(TestContext.inproc()));
            for (int size : new int[] {0, 1, 33, 34, 4096}) {
                out.reset(size);
                out.data().fill((byte) size);
                push.send(out);
                assertEquals(size, pull.recv(in));
                byte[] expected = new byte[size];
                java.util.Arrays.fill(expected, (byte) size);
                assertArrayEquals(expected, in.toArray());
            }
        }
    }

    @Test
    void wrapSendsCallerMemoryAndReleasesItOnce() throws InterruptedException {
        CountDownLatch released = new CountDownLatch(1);
        {
            MemorySegment data = Arena.ofAuto().allocate(256 * 1024);
            data.fill((byte) 7);
            try (Socket pull = zmq.socket(SocketType.PULL); Socket push = zmq.socket(SocketType.PUSH);
                 Msg in = new Msg()) {
                TestContext.connectTcp(pull, push);
                try (Msg wrapped = Msg.wrap(data, released::countDown)) {
                    assertEquals(data.byteSize(), wrapped.size());
                    assertEquals(data.address(), wrapped.data().address(), "no copy");
                    push.send(wrapped);
                }
                assertEquals(256 * 1024, pull.recv(in));
                assertEquals(7, in.data().get(ValueLayout.JAVA_BYTE, 12345));
                assertTrue(released.await(5, TimeUnit.SECONDS), "the release callback did not run");
            }
        }
        assertThrows(IllegalArgumentException.class, () -> Msg.wrap(MemorySegment.ofArray(new byte[4]), () -> { }));
    }

    @Test
    void wrappedContentReceivedOverInprocIntoAnArrayIsReleasedSafely() throws InterruptedException {
        // Over inproc the receiver holds libzmq's reference to the caller's memory, so the release upcall runs
        // inside the receiver's next libzmq call: that call must never be a critical one.
        int messages = 50;
        CountDownLatch released = new CountDownLatch(messages);
        try (Socket pull = zmq.socket(SocketType.PULL); Socket push = zmq.socket(SocketType.PUSH)) {
            push.connect(pull.bind(TestContext.inproc()));
            MemorySegment data = Arena.ofAuto().allocate(4096);
            byte[] into = new byte[4096];
            for (int i = 0; i < messages; i++) {
                data.set(ValueLayout.JAVA_BYTE, 0, (byte) i);
                try (Msg wrapped = Msg.wrap(data, released::countDown)) {
                    push.send(wrapped);
                }
                assertEquals(4096, pull.recv(into));
                assertEquals((byte) i, into[0]);
            }
            assertEquals(-1, pull.recv(into, RecvFlag.DONTWAIT)); // drops the last reference
            assertTrue(released.await(5, TimeUnit.SECONDS), released.getCount() + " releases missing");
        }
    }

    @Test
    void metadataOfReceivedMessages() {
        try (Socket pull = zmq.socket(SocketType.PULL); Socket push = zmq.socket(SocketType.PUSH); Msg in = new Msg()) {
            TestContext.connectTcp(pull, push);
            push.send("meta");
            pull.recv(in);
            assertEquals("127.0.0.1", in.gets("Peer-Address"));
            assertEquals("PUSH", in.gets("Socket-Type"));
            assertNull(in.gets("No-Such-Property"));
        }
    }

    @Test
    void useAfterCloseIsAnException() {
        Msg msg = Msg.copyOf(new byte[] {1, 2, 3});
        assertEquals("Msg[3 B]", msg.toString());
        msg.close();
        msg.close();
        assertTrue(msg.isClosed());
        assertThrows(IllegalStateException.class, msg::size);
        assertThrows(IllegalStateException.class, msg::data);
        try (Socket push = zmq.socket(SocketType.PUSH)) {
            assertThrows(IllegalStateException.class, () -> push.send(msg));
        }
    }
}
