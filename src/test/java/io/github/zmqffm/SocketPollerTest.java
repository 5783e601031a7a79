package io.github.zmqffm;

import io.github.zmqffm.internal.NativeLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static io.github.zmqffm.TestContext.assertErrno;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class SocketPollerTest {

    private static final Duration SECOND = Duration.ofSeconds(1);
    private static final Duration FOREVER = Duration.ofMillis(-1);

    /** Debian's libzmq5, built without drafts (installed with python3-zmq). */
    private static final Path SYSTEM_LIBZMQ = Path.of("/usr/lib/x86_64-linux-gnu/libzmq.so.5");

    @RegisterExtension
    final TestContext zmq = new TestContext();

    @Test
    void isAvailableWithThisDraftBuild() {
        assertTrue(Zmq.has("draft"));
        assertTrue(SocketPoller.isAvailable());
    }

    @Test
    void reportsSocketsAndFileDescriptors() {
        try (Socket pull = zmq.socket(SocketType.PULL); Socket push = zmq.socket(SocketType.PUSH);
             OsPipe pipe = new OsPipe(); SocketPoller poller = new SocketPoller()) {
            push.connect(pull.bind(TestContext.inproc()));
            poller.add(pull, Poller.POLLIN);
            poller.add(pipe.readFd, Poller.POLLIN);
            assertEquals(2, poller.size());
            assertEquals(0, poller.poll(Duration.ZERO));
            push.send("ping");
            assertEquals(1, poller.poll(SECOND));
            assertSame(pull, poller.socket(0));
            assertEquals(-1, poller.fd(0));
            assertTrue(poller.isReadable(0));
            assertFalse(poller.isWritable(0));
            pipe.writeByte();
            assertEquals(2, poller.poll(SECOND));
            Set<Object> ready = new HashSet<>();
            for (int i = 0; i < 2; i++) {
                ready.add(poller.socket(i) != null ? poller.socket(i) : (Object) poller.fd(i));
                assertEquals(Poller.POLLIN, poller.events(i));
            }
            assertEquals(Set.of(pull, pipe.readFd), ready);
            assertThrows(IndexOutOfBoundsException.class, () -> poller.events(2));
            pipe.closeWriteEnd();
            poller.remove(pull);
            assertEquals(1, poller.poll(SECOND));
            assertNull(poller.socket(0));
            assertTrue(poller.hasError(0), "hang-up");
        }
    }

    @Test
    void pollsThreadSafeDraftSockets() {
        try (Socket server = zmq.socket(SocketType.SERVER); Socket client = zmq.socket(SocketType.CLIENT);
             SocketPoller poller = new SocketPoller()) {
            client.connect(server.bind(TestContext.inproc()));
            poller.add(server, Poller.POLLIN);
            poller.add(client, Poller.POLLIN);
            client.send("hello server");
            assertEquals(1, poller.poll(SECOND));
            assertSame(server, poller.socket(0));
            assertEquals("hello server", server.recvString(RecvFlag.DONTWAIT));
        }
    }

    @Test
    void modifyRemoveAndGrow() {
        try (Socket push = zmq.socket(SocketType.PUSH); Socket pull = zmq.socket(SocketType.PULL);
             OsPipe pipe = new OsPipe(); SocketPoller poller = new SocketPoller()) {
            push.connect(pull.bind(TestContext.inproc()));
            poller.add(push, Poller.POLLOUT);
            assertEquals(1, poller.poll(Duration.ZERO));
            assertTrue(poller.isWritable(0));
            poller.modify(push, Poller.POLLIN);
            assertEquals(0, poller.poll(Duration.ZERO));
            assertErrno(Errno.EINVAL, () -> poller.add(push, Poller.POLLOUT));
            poller.add(pipe.writeFd, Poller.POLLIN);
            poller.modify(pipe.writeFd, Poller.POLLOUT);
            assertEquals(1, poller.poll(Duration.ZERO));
            assertEquals(pipe.writeFd, poller.fd(0));
            poller.remove(pipe.writeFd);
            poller.remove(push);
            assertEquals(0, poller.size());
            assertThrows(IllegalArgumentException.class, () -> poller.remove(push));
            assertThrows(IllegalArgumentException.class, () -> poller.modify(pipe.writeFd, Poller.POLLIN));
            List<Socket> many = new java.util.ArrayList<>();
            try {
                for (int i = 0; i < 20; i++) {
                    Socket socket = zmq.socket(SocketType.PUSH);
                    many.add(socket);
                    socket.connect(pull.bind(TestContext.inproc()));
                    poller.add(socket, Poller.POLLOUT);
                }
                assertEquals(20, poller.size());
                assertEquals(20, poller.poll(SECOND), "all 20 ready, past the initial capacity of 8");
            } finally {
                many.forEach(Socket::close);
            }
        }
    }

    @Test
    void aSocketClosedWhileAddedIsDropped() {
        try (Socket kept = zmq.socket(SocketType.PULL); SocketPoller poller = new SocketPoller()) {
            Socket closed = zmq.socket(SocketType.PULL);
            poller.add(kept, Poller.POLLIN);
            poller.add(closed, Poller.POLLIN);
            closed.close();
            assertEquals(0, poller.poll(Duration.ZERO));
            assertEquals(1, poller.size());
            poller.remove(closed);
            assertEquals(1, poller.size());
        }
    }

    @Test
    void timeoutsAndMisuse() {
        try (Socket pull = zmq.socket(SocketType.PULL)) {
            SocketPoller poller = new SocketPoller();
            assertThrows(IllegalStateException.class, () -> poller.poll(FOREVER), "nothing added");
            poller.add(pull, Poller.POLLIN);
            long start = System.nanoTime();
            assertEquals(0, poller.poll(Duration.ofMillis(50)));
            assertTrue(System.nanoTime() - start >= 40_000_000L, "returned before the timeout");
            assertThrows(IndexOutOfBoundsException.class, () -> poller.socket(0));
            poller.close();
            poller.close();
            assertThrows(IllegalStateException.class, () -> poller.poll(Duration.ZERO));
            assertThrows(IllegalStateException.class, () -> poller.add(pull, Poller.POLLIN));
        }
    }

    @Test
    void aTerminatedContextRaisesContextTerminatedException() {
        try (Socket pull = zmq.socket(SocketType.PULL); SocketPoller poller = new SocketPoller()) {
            pull.bind(TestContext.inproc());
            poller.add(pull, Poller.POLLIN);
            zmq.context().shutdown();
            assertThrows(ContextTerminatedException.class, () -> poller.poll(SECOND));
        }
    }

    @Test
    void waitingAllocatesNothing() {
        int rounds = 20_000;
        try (Socket pull = zmq.socket(SocketType.PULL); Socket push = zmq.socket(SocketType.PUSH);
             SocketPoller poller = new SocketPoller()) {
            push.connect(pull.bind(TestContext.inproc()));
            poller.add(pull, Poller.POLLIN);
            byte[] message = new byte[16];
            byte[] buffer = new byte[16];
            double perRound = AllocationMeter.bytesPerOperation(() -> {
                for (int i = 0; i < rounds; i++) {
                    push.send(message);
                    if (poller.poll(SECOND) != 1 || poller.socket(0) != pull || pull.recv(buffer) != 16) {
                        throw new AssertionError("round " + i);
                    }
                }
            }, rounds);
            System.out.printf("allocation: SocketPoller %.3f B per round (wait, send, recv)%n", perRound);
            assertTrue(perRound < 1.0, perRound + " B per round");
        }
    }

    @Test
    void aLibzmqWithoutDraftsMakesItUnsupported() throws Exception {
        assumeTrue(Files.exists(SYSTEM_LIBZMQ), "Debian's libzmq5 is installed with python3-zmq");
        ChildJvm.Result result = ChildJvm.finish(ChildJvm.start(
                List.of("-D" + NativeLoader.LIBRARY_PATH_PROPERTY + "=" + SYSTEM_LIBZMQ), DraftlessPollerProbe.class));
        assertEquals(0, result.exitCode(), result.stderr());
        assertTrue(result.stdout().contains("draft=false"), result.stdout());
        assertTrue(result.stdout().contains("available=false"), result.stdout());
        assertTrue(result.stdout().contains("unsupported: zmq_poller_new is a draft API"), result.stdout());
    }
}
