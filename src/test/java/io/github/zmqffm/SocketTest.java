package io.github.zmqffm;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import static io.github.zmqffm.TestContext.assertErrno;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SocketTest {

    @RegisterExtension
    final TestContext zmq = new TestContext();

    @Test
    void bindToWildcardReturnsTheRealEndpoint() {
        try (Socket pull = zmq.socket(SocketType.PULL)) {
            String endpoint = pull.bind("tcp://127.0.0.1:*");
            assertTrue(endpoint.matches("tcp://127\\.0\\.0\\.1:\\d+"), endpoint);
            assertFalse(endpoint.endsWith(":0"));
            assertEquals(endpoint, pull.lastEndpoint());
        }
    }

    @Test
    void byteArrayRoundTripOverTcpAndInproc() {
        for (String bind : new String[] {"tcp://127.0.0.1:*", TestContext.inproc()}) {
            try (Socket pull = zmq.socket(SocketType.PULL); Socket push = zmq.socket(SocketType.PUSH)) {
                push.connect(pull.bind(bind));
                assertTrue(push.send("hello".getBytes(StandardCharsets.UTF_8)));
                byte[] buffer = new byte[16];
                assertEquals(5, pull.recv(buffer));
                assertEquals("hello", new String(buffer, 0, 5, StandardCharsets.UTF_8));
            }
        }
    }

    @Test
    void receiveReportsTheFullSizeWhenTheBufferIsTooSmall() {
        try (Socket pull = zmq.socket(SocketType.PULL); Socket push = zmq.socket(SocketType.PUSH)) {
            TestContext.connectTcp(pull, push);
            push.send("0123456789");
            byte[] small = new byte[4];
            assertEquals(10, pull.recv(small));
            assertEquals("0123", new String(small, StandardCharsets.US_ASCII));
        }
    }

    @Test
    void offsetAndLengthAreHonouredAndChecked() {
        try (Socket pull = zmq.socket(SocketType.PULL); Socket push = zmq.socket(SocketType.PUSH)) {
            TestContext.connectTcp(pull, push);
            byte[] data = "xxhelloyy".getBytes(StandardCharsets.US_ASCII);
            assertTrue(push.send(data, 2, 5, SendFlag.NONE));
            byte[] buffer = new byte[10];
            assertEquals(5, pull.recv(buffer, 3, 7, RecvFlag.NONE));
            assertEquals("hello", new String(buffer, 3, 5, StandardCharsets.US_ASCII));
            assertThrows(IndexOutOfBoundsException.class, () -> push.send(data, 5, 10, SendFlag.NONE));
            assertThrows(IndexOutOfBoundsException.class, () -> pull.recv(buffer, -1, 2, RecvFlag.NONE));
        }
    }

    @Test
    void largeArraysTakeTheCopyPath() {
        try (Socket pull = zmq.socket(SocketType.PULL); Socket push = zmq.socket(SocketType.PUSH)) {
            TestContext.connectTcp(pull, push);
            byte[] big = new byte[1 << 20];
            for (int i = 0; i < big.length; i++) {
                big[i] = (byte) (i * 31);
            }
            assertTrue(push.send(big));
            byte[] received = new byte[big.length];
            assertEquals(big.length, pull.recv(received));
            assertArrayEquals(big, received);
        }
    }

    @Test
    void segmentsAndBuffersRoundTrip() {
        try (Socket pull = zmq.socket(SocketType.PULL); Socket push = zmq.socket(SocketType.PUSH);
             Arena arena = Arena.ofConfined()) {
            TestContext.connectTcp(pull, push);
            assertTrue(push.send(arena.allocateFrom("native")));
            MemorySegment into = arena.allocate(32);
            assertEquals(7, pull.recv(into));
            assertEquals("native", into.getString(0));

            assertTrue(push.send(MemorySegment.ofArray("heap".getBytes(StandardCharsets.US_ASCII))));
            assertEquals("heap", pull.recvString());

            ByteBuffer direct = ByteBuffer.allocateDirect(16).put("direct".getBytes(StandardCharsets.US_ASCII)).flip();
            assertTrue(push.send(direct));
            assertEquals(0, direct.remaining(), "send consumes the buffer");
            ByteBuffer heap = ByteBuffer.wrap("heapbuf".getBytes(StandardCharsets.US_ASCII));
            assertTrue(push.send(heap));

            ByteBuffer target = ByteBuffer.allocateDirect(16);
            assertEquals(6, pull.recv(target));
            assertEquals(6, target.position());
            ByteBuffer heapTarget = ByteBuffer.allocate(16);
            assertEquals(7, pull.recv(heapTarget));
            assertEquals("heapbuf", new String(heapTarget.array(), 0, 7, StandardCharsets.US_ASCII));
        }
    }

    /** The segment kept for a reused buffer must follow its window, and a heap buffer's array offset. */
    @Test
    void reusedBuffersSendAndReceiveTheirCurrentWindow() {
        try (Socket pull = zmq.socket(SocketType.PULL); Socket push = zmq.socket(SocketType.PUSH)) {
            push.connect(pull.bind(TestContext.inproc()));
            ByteBuffer direct = ByteBuffer.allocateDirect(8).put("abcdefgh".getBytes(StandardCharsets.US_ASCII));
            ByteBuffer readOnly = ByteBuffer.wrap("ABCDEFGH".getBytes(StandardCharsets.US_ASCII)).asReadOnlyBuffer();
            ByteBuffer sliced = ByteBuffer.wrap("01234567".getBytes(StandardCharsets.US_ASCII), 2, 6).slice();
            for (ByteBuffer out : new ByteBuffer[] {direct, readOnly, sliced}) {
                out.clear().limit(3);
                assertTrue(push.send(out));
                out.limit(out.capacity()).position(3);
                assertTrue(push.send(out));
                out.clear().limit(3);
                assertTrue(push.send(out));
            }
            ByteBuffer in = ByteBuffer.allocateDirect(8);
            ByteBuffer heapIn = ByteBuffer.wrap(new byte[12], 4, 8).slice();
            String[] expected = {"abc", "defgh", "abc", "ABC", "DEFGH", "ABC", "234", "567", "234"};
            for (int i = 0; i < expected.length; i++) {
                ByteBuffer target = i % 2 == 0 ? in : heapIn;
                target.clear().position(1);
                assertEquals(expected[i].length(), pull.recv(target));
                byte[] received = new byte[expected[i].length()];
                target.flip().position(1);
                target.get(received);
                assertEquals(expected[i], new String(received, StandardCharsets.US_ASCII), "message " + i);
            }
        }
    }

    @Test
    void readOnlyTargetsAreRejected() {
        try (Socket pull = zmq.socket(SocketType.PULL); Arena arena = Arena.ofConfined()) {
            assertThrows(IllegalArgumentException.class, () -> pull.recv(arena.allocate(8).asReadOnly()));
            assertThrows(IllegalArgumentException.class, () -> pull.recv(ByteBuffer.allocate(8).asReadOnlyBuffer()));
        }
    }

    @Test
    void nonBlockingCallsReturnResultsNotExceptions() {
        try (Socket pull = zmq.socket(SocketType.PULL); Socket push = zmq.socket(SocketType.PUSH)) {
            pull.bind(TestContext.inproc());
            assertEquals(-1, pull.recv(new byte[4], RecvFlag.DONTWAIT));
            assertNull(pull.recv(RecvFlag.DONTWAIT));
            assertNull(pull.recvString(RecvFlag.DONTWAIT));
            // An unconnected PUSH has no pipe: a non-blocking send would block.
            assertFalse(push.send("x", SendFlag.DONTWAIT));
        }
    }

    @Test
    void timeoutsGiveNullNotExceptions() {
        try (Socket pull = zmq.socket(SocketType.PULL)) {
            pull.set(SocketOption.RCVTIMEO, 50);
            pull.bind(TestContext.inproc());
            assertNull(pull.recv());
            assertEquals(-1, pull.recv(new byte[4]));
        }
    }

    @Test
    void multipartFramesArriveTogether() {
        try (Socket pull = zmq.socket(SocketType.PULL); Socket push = zmq.socket(SocketType.PUSH)) {
            TestContext.connectTcp(pull, push);
            assertTrue(push.sendMore("a"));
            assertTrue(push.sendMore("b"));
            assertTrue(push.send("c"));
            assertEquals("a", pull.recvString());
            assertTrue(pull.hasReceiveMore());
            assertEquals("b", pull.recvString());
            assertEquals("c", pull.recvString());
            assertFalse(pull.hasReceiveMore());

            assertTrue(push.sendMultipart(Frames.ofStrings("x", "", "z")));
            Frames frames = pull.recvMultipart();
            assertEquals(3, frames.size());
            assertEquals("x", frames.getString(0));
            assertEquals(0, frames.get(1).length);
            assertEquals("z", frames.getString(2));
        }
    }

    @Test
    void errorsNameTheCallAndArgument() {
        try (Socket a = zmq.socket(SocketType.PULL); Socket b = zmq.socket(SocketType.PULL)) {
            String endpoint = a.bind("tcp://127.0.0.1:*");
            ZmqException e = assertErrno(Errno.EADDRINUSE, () -> b.bind(endpoint));
            assertTrue(e.getMessage().startsWith("bind(" + endpoint + "): "), e.getMessage());
            assertErrno(Errno.EPROTONOSUPPORT, () -> b.bind("nosuch://x"));
            assertErrno(Errno.EINVAL, () -> b.connect("tcp://"));
            assertErrno(Errno.ENOENT, () -> b.unbind("tcp://127.0.0.1:1"));
        }
    }

    @Test
    void reqRepEnforcesItsStateMachine() {
        try (Socket req = zmq.socket(SocketType.REQ)) {
            req.connect(TestContext.inproc());
            ZmqException e = assertErrno(Errno.EFSM, () -> req.recv());
            assertTrue(e.getMessage().contains("recv"));
        }
    }

    @Test
    void useAfterCloseIsAnException() {
        Socket socket = zmq.socket(SocketType.PUSH);
        socket.close();
        socket.close(); // idempotent
        assertTrue(socket.isClosed());
        assertThrows(IllegalStateException.class, () -> socket.send("x"));
        assertThrows(IllegalStateException.class, () -> socket.recv());
        assertThrows(IllegalStateException.class, () -> socket.bind("inproc://x"));
        assertThrows(IllegalStateException.class, () -> socket.get(SocketOption.LINGER));
        assertThrows(IllegalStateException.class, socket::handle);
    }

    @Test
    void optionsRoundTrip() {
        try (Socket dealer = zmq.socket(SocketType.DEALER)) {
            dealer.set(SocketOption.SNDHWM, 1234);
            assertEquals(1234, dealer.get(SocketOption.SNDHWM));
            dealer.set(SocketOption.ROUTING_ID, new byte[] {1, 2, 3});
            assertArrayEquals(new byte[] {1, 2, 3}, dealer.get(SocketOption.ROUTING_ID));
            dealer.set(SocketOption.MAXMSGSIZE, 1L << 33);
            assertEquals(1L << 33, dealer.get(SocketOption.MAXMSGSIZE));
            assertEquals(SocketType.DEALER.value(), dealer.get(SocketOption.TYPE));
            assertThrows(IllegalArgumentException.class, () -> dealer.set(SocketOption.TYPE, 1));
            assertThrows(IllegalArgumentException.class, () -> dealer.get(SocketOption.SUBSCRIBE));
            assertErrno(Errno.EINVAL, () -> dealer.set(SocketOption.SNDHWM, -5));
        }
    }
}
