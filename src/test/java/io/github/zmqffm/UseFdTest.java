package io.github.zmqffm;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 8, class 6: ZMQ_USE_FD takes only a listening stream socket. libzmq adds the descriptor to epoll and
 * accept()s on it, and aborts when either fails: a regular file or a closed descriptor aborts at bind
 * (epoll.cpp:100, seen with the system libzmq), a pipe or an unconnected socket at the first accept.
 */
@EnabledOnOs(OS.LINUX)
class UseFdTest {

    @RegisterExtension
    final TestContext zmq = new TestContext();

    @Test
    void aListeningTcpSocketIsTakenAndServesConnections() {
        int fd = OsSocket.loopback(OsSocket.SOCK_STREAM, true);
        try (Socket pull = zmq.socket(SocketType.PULL); Socket push = zmq.socket(SocketType.PUSH)) {
            pull.set(SocketOption.USE_FD, fd); // libzmq owns and closes it from here
            assertEquals(fd, pull.get(SocketOption.USE_FD));
            pull.bind("tcp://127.0.0.1:*");
            push.connect("tcp://127.0.0.1:" + OsSocket.port(fd));
            push.send("through the adopted descriptor");
            assertEquals("through the adopted descriptor", pull.recvString());
        }
    }

    @Test
    void minusOneMeansNone() {
        try (Socket pull = zmq.socket(SocketType.PULL)) {
            pull.set(SocketOption.USE_FD, -1);
            assertEquals(-1, pull.get(SocketOption.USE_FD));
            assertThrows(IllegalArgumentException.class, () -> pull.set(SocketOption.USE_FD, -2));
        }
    }

    @Test
    void aDatagramSocketIsRefused() {
        assertRefusedSocket(OsSocket.SOCK_DGRAM, "not a stream socket");
    }

    @Test
    void aStreamSocketThatIsNotListeningIsRefused() {
        assertRefusedSocket(OsSocket.SOCK_STREAM, "not listening");
    }

    private void assertRefusedSocket(int type, String why) {
        int fd = OsSocket.loopback(type, false);
        try {
            assertRefused(fd, why);
        } finally {
            OsSocket.close(fd);
        }
    }

    @Test
    void aPipeIsRefused() {
        try (OsPipe pipe = new OsPipe()) {
            assertRefused(pipe.readFd, "not an open socket (ENOTSOCK)");
        }
    }

    @Test
    void aDescriptorThatIsNotOpenIsRefused() {
        assertRefused(1 << 30, "not an open socket (EBADF)"); // above any RLIMIT_NOFILE: never open
    }

    /**
     * A descriptor checked when USE_FD was set may be something else by the time of the bind (closed, or its
     * number reused for a pipe or a file): the bind checks it again. In a child JVM, as libzmq aborts otherwise.
     */
    @ParameterizedTest
    @ValueSource(strings = {"closed", "pipe", "file"})
    void aDescriptorThatChangedBeforeTheBindIsRefusedThere(String change) throws Exception {
        ChildJvm.Result result = ChildJvm.finish(ChildJvm.start(List.of(), UseFdRebindProbe.class, change),
                Duration.ofMinutes(2));
        assertEquals(0, result.exitCode(), result.stdout() + result.stderr());
        assertTrue(result.stdout().contains("refused: bind(tcp://127.0.0.1:*): ZMQ_USE_FD="), result.stdout());
        assertTrue(result.stdout().contains("not an open socket (" + (change.equals("closed") ? "EBADF" : "ENOTSOCK") + ")"),
                result.stdout());
        assertTrue(result.stdout().contains("rebound"), result.stdout());
    }

    private void assertRefused(int fd, String why) {
        try (Socket pull = zmq.socket(SocketType.PULL)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> pull.set(SocketOption.USE_FD, fd));
            assertTrue(e.getMessage().startsWith("ZMQ_USE_FD=" + fd + ": "), e.getMessage());
            assertTrue(e.getMessage().contains(why), e.getMessage());
            assertEquals(-1, pull.get(SocketOption.USE_FD), "a refused descriptor must not be stored");
            pull.bind("tcp://127.0.0.1:*"); // and binding still makes its own listening socket
        }
    }
}
