package io.github.zmqffm;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PollerTest {

    private static final Duration SECOND = Duration.ofSeconds(1);
    private static final Duration FOREVER = Duration.ofMillis(-1);

    @RegisterExtension
    final TestContext zmq = new TestContext();

    @Test
    void reportsReadableAndWritableSockets() {
        try (Socket pull = zmq.socket(SocketType.PULL); Socket push = zmq.socket(SocketType.PUSH);
             Poller poller = new Poller()) {
            push.connect(pull.bind(TestContext.inproc()));
            int in = poller.register(pull, Poller.POLLIN);
            int out = poller.register(push, Poller.POLLOUT);
            assertEquals(1, poller.poll(Duration.ZERO), "only the PUSH is ready");
            assertFalse(poller.isReadable(in));
            assertTrue(poller.isWritable(out));
            assertFalse(poller.hasError(out));
            push.send("ping");
            assertEquals(2, poller.poll(SECOND));
            assertTrue(poller.isReadable(in));
            assertEquals(Poller.POLLIN, poller.readyEvents(in));
            assertEquals("ping", pull.recvString(RecvFlag.DONTWAIT));
            assertSame(pull, poller.socket(in));
        }
    }

    @Test
    void timesOutWithNothingReady() {
        try (Socket pull = zmq.socket(SocketType.PULL); Poller poller = new Poller()) {
            pull.bind(TestContext.inproc());
            int in = poller.register(pull, Poller.POLLIN);
            long start = System.nanoTime();
            assertEquals(0, poller.poll(Duration.ofMillis(50)));
            assertTrue(System.nanoTime() - start >= 40_000_000L, "returned before the timeout");
            assertFalse(poller.isReadable(in));
        }
    }

    @Test
    void pollsRawFileDescriptors() {
        try (OsPipe pipe = new OsPipe(); Poller poller = new Poller()) {
            int read = poller.register(pipe.readFd, Poller.POLLIN);
            assertEquals(0, poller.poll(Duration.ZERO));
            pipe.writeByte();
            assertEquals(1, poller.poll(SECOND));
            assertTrue(poller.isReadable(read));
            assertNull(poller.socket(read));
            int write = poller.register(pipe.writeFd, Poller.POLLOUT);
            assertEquals(2, poller.poll(Duration.ZERO));
            assertTrue(poller.isWritable(write));
            poller.unregister(write);
            pipe.closeWriteEnd();
            assertEquals(1, poller.poll(SECOND));
            assertTrue(poller.hasError(read), "a hang-up is reported as POLLERR");
        }
    }

    @Test
    void theZmqFdOfASocketSignalsPendingEvents() {
        try (Socket pull = zmq.socket(SocketType.PULL); Socket push = zmq.socket(SocketType.PUSH);
             Poller poller = new Poller()) {
            push.connect(pull.bind(TestContext.inproc()));
            push.send("wake up");
            int fd = poller.register(pull.get(SocketOption.FD), Poller.POLLIN);
            assertEquals(1, poller.poll(SECOND));
            assertTrue(poller.isReadable(fd));
            assertEquals(Poller.POLLIN, pull.get(SocketOption.EVENTS) & Poller.POLLIN);
            assertEquals(Poller.POLLOUT, push.get(SocketOption.EVENTS));
        }
    }

    @Test
    void indexesStayStableAcrossUnregisterAndGrowth() {
        try (Socket a = zmq.socket(SocketType.PULL); Socket b = zmq.socket(SocketType.PULL);
             Socket c = zmq.socket(SocketType.PULL); Socket push = zmq.socket(SocketType.PUSH);
             Poller poller = new Poller(1)) {
            a.bind(TestContext.inproc());
            b.bind(TestContext.inproc());
            push.connect(c.bind(TestContext.inproc()));
            int ia = poller.register(a, Poller.POLLIN);
            int ib = poller.register(b, Poller.POLLIN);
            int ic = poller.register(c, Poller.POLLIN);
            assertEquals(3, poller.size());
            poller.unregister(ia);
            assertThrows(IllegalArgumentException.class, () -> poller.isReadable(ia));
            push.send("for c");
            assertEquals(1, poller.poll(SECOND));
            assertTrue(poller.isReadable(ic));
            assertFalse(poller.isReadable(ib));
            assertSame(c, poller.socket(ic));
            int again = poller.register(a, Poller.POLLIN);
            assertEquals(ia, again, "a freed index is reused");
            assertTrue(poller.unregister(b));
            assertFalse(poller.unregister(b));
            assertEquals(2, poller.size());
            assertEquals(1, poller.poll(Duration.ZERO));
            assertTrue(poller.isReadable(ic));
            poller.setEvents(ic, 0);
            assertEquals(0, poller.poll(Duration.ZERO), "no events asked for, none reported");
        }
    }

    @Test
    @SuppressWarnings("try") // closes the socket and the poller inside their try on purpose
    void aClosedSocketOrPollerIsRefused() {
        try (Socket pull = zmq.socket(SocketType.PULL); Poller poller = new Poller()) {
            Socket other = zmq.socket(SocketType.PULL);
            poller.register(pull, Poller.POLLIN);
            int index = poller.register(other, Poller.POLLIN);
            other.close();
            assertThrows(IllegalStateException.class, () -> poller.poll(Duration.ZERO));
            poller.unregister(index);
            assertEquals(0, poller.poll(Duration.ZERO));
            assertThrows(IllegalStateException.class, () -> poller.register(other, Poller.POLLIN));
            poller.close();
            poller.close();
            assertThrows(IllegalStateException.class, () -> poller.poll(Duration.ZERO));
            assertThrows(IllegalStateException.class, () -> poller.register(pull, Poller.POLLIN));
        }
    }

    @Test
    void badArgumentsAreRefused() {
        try (Socket pull = zmq.socket(SocketType.PULL); Poller poller = new Poller()) {
            assertThrows(IllegalArgumentException.class, () -> poller.register(-1, Poller.POLLIN));
            assertThrows(IllegalArgumentException.class, () -> poller.register(pull, 64));
            assertThrows(IllegalArgumentException.class, () -> poller.isReadable(0));
            assertThrows(IllegalArgumentException.class, () -> new Poller(0));
            assertThrows(IllegalStateException.class, () -> poller.poll(FOREVER), "nothing registered");
        }
    }

    @Test
    void aTerminatedContextRaisesContextTerminatedException() {
        try (Socket pull = zmq.socket(SocketType.PULL); Poller poller = new Poller()) {
            pull.bind(TestContext.inproc());
            poller.register(pull, Poller.POLLIN);
            zmq.context().shutdown();
            ContextTerminatedException e = assertThrows(ContextTerminatedException.class, () -> poller.poll(SECOND));
            assertEquals(Errno.ETERM, e.error());
        }
    }

    @Test
    void pollingAllocatesNothing() {
        int rounds = 20_000;
        try (Socket pull = zmq.socket(SocketType.PULL); Socket push = zmq.socket(SocketType.PUSH);
             Poller poller = new Poller()) {
            push.connect(pull.bind(TestContext.inproc()));
            int in = poller.register(pull, Poller.POLLIN);
            int out = poller.register(push, Poller.POLLOUT);
            byte[] message = new byte[16];
            byte[] buffer = new byte[16];
            double perRound = AllocationMeter.bytesPerOperation(
                    () -> pollLoop(poller, in, out, push, pull, message, buffer, rounds), rounds);
            System.out.printf("allocation: Poller %.3f B per round (2 polls, send, recv)%n", perRound);
            assertTrue(perRound < 1.0, perRound + " B per round of 2 polls");
        }
    }

    private static void pollLoop(Poller poller, int in, int out, Socket push, Socket pull, byte[] message,
                                 byte[] buffer, int rounds) {
        for (int i = 0; i < rounds; i++) {
            if (poller.poll(SECOND) < 1 || !poller.isWritable(out)) {
                throw new AssertionError("PUSH not writable in round " + i);
            }
            push.send(message);
            if (poller.poll(SECOND) < 1 || !poller.isReadable(in) || pull.recv(buffer, RecvFlag.DONTWAIT) != 16) {
                throw new AssertionError("no message in round " + i);
            }
        }
    }
}
