package io.github.zmqffm;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Test fixture ({@code @RegisterExtension}): a fresh {@link Context} per test whose sockets get linger 0 and
 * bounded timeouts, helpers for connected pairs on random ports, and a check after each test that every
 * socket was closed (a leak fails the test) and that the context closes within 5 s.
 */
public final class TestContext implements BeforeEachCallback, AfterEachCallback {

    private static final AtomicInteger INPROC = new AtomicInteger();
    private Context context;

    @Override
    public void beforeEach(ExtensionContext extension) {
        context = new Context();
    }

    @Override
    public void afterEach(ExtensionContext extension) {
        int open = context.openSockets();
        assertTimeoutPreemptively(Duration.ofSeconds(5), context::close, "context close hung");
        assertEquals(0, open, "the test left sockets open");
    }

    /** The test's context. */
    public Context context() {
        return context;
    }

    /** A socket with linger 0 and 5 s send/receive timeouts, so no test can block forever. */
    public Socket socket(SocketType type) {
        Socket socket = context.socket(type);
        socket.set(SocketOption.LINGER, 0);
        socket.set(SocketOption.RCVTIMEO, 5000);
        socket.set(SocketOption.SNDTIMEO, 5000);
        return socket;
    }

    /** A unique {@code inproc://} endpoint. */
    public static String inproc() {
        return "inproc://test-" + INPROC.incrementAndGet();
    }

    /** Binds {@code server} to a random 127.0.0.1 port and connects {@code client} to it; returns the endpoint. */
    public static String connectTcp(Socket server, Socket client) {
        String endpoint = server.bind("tcp://127.0.0.1:*");
        client.connect(endpoint);
        return endpoint;
    }

    /** Asserts that {@code call} fails with the given errno. */
    public static ZmqException assertErrno(Errno expected, org.junit.jupiter.api.function.Executable call) {
        ZmqException e = assertThrows(ZmqException.class, call);
        assertEquals(expected, e.error(), e.getMessage());
        return e;
    }
}
