package io.github.zmqffm;

import io.github.zmqffm.MonitorEvent.Type;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class ErrnoTest {

    /**
     * Every errno name in libzmq 4.3.4's own source ({@code errno = E...} and {@code errno == E...} in {@code src/}),
     * then those its {@code socket}/{@code bind}/{@code connect}/{@code accept} calls pass through unchanged.
     */
    private static final List<String> LIBZMQ_ERRNOS = List.of(
            "EINVAL", "EPROTO", "EAGAIN", "EFAULT", "ENOMEM", "ENOTSUP", "ENODEV", "ETERM", "EINPROGRESS",
            "EMSGSIZE", "EINTR", "EFSM", "EHOSTUNREACH", "ENOCOMPATPROTO", "ENOTSOCK", "ENOENT", "EMTHREAD", "EBUSY",
            "EPROTONOSUPPORT", "ENOTCONN", "EMFILE", "ECONNREFUSED", "EPIPE", "ENAMETOOLONG", "ECONNRESET", "EBADF",
            "EADDRINUSE", "EAFNOSUPPORT", "ECONNABORTED", "ENETDOWN", "ENETRESET", "ENETUNREACH", "ENFILE", "ENOBUFS",
            "ENOPROTOOPT", "EOPNOTSUPP", "ERANGE", "ETIMEDOUT",
            "EACCES", "EADDRNOTAVAIL", "ENOTDIR", "EROFS", "ELOOP", "EPERM", "EPROTOTYPE", "ESOCKTNOSUPPORT",
            "EISCONN", "EALREADY", "EHOSTDOWN");
    private static final Set<Errno> LIBZMQ_OWN = EnumSet.of(Errno.EFSM, Errno.ENOCOMPATPROTO, Errno.ETERM, Errno.EMTHREAD);

    @RegisterExtension
    final TestContext zmq = new TestContext();

    @Test
    void everyErrnoLibzmqUsesIsNamedAndKnownToTheCLibrary() {
        for (String name : LIBZMQ_ERRNOS) {
            Errno errno = Errno.valueOf(name);
            Errno back = Errno.of(errno.code());
            assertTrue(back == errno || (errno == Errno.EOPNOTSUPP && back == Errno.ENOTSUP), name + " -> " + back);
            String message = Errors.exception("call", null, errno.code()).getMessage();
            assertFalse(message.contains("Unknown error"), name + ": " + message);
        }
    }

    @Test
    void theLinuxNumbersAreThoseOfTheKernelHeaders() throws IOException {
        Path base = Path.of("/usr/include/asm-generic/errno-base.h");
        Path more = Path.of("/usr/include/asm-generic/errno.h");
        assumeTrue(System.getProperty("os.name").startsWith("Linux") && Files.exists(base) && Files.exists(more));
        Map<String, Integer> header = new HashMap<>();
        Matcher define = Pattern.compile("#define\\s+(E[A-Z0-9]+)\\s+(\\d+)").matcher(Files.readString(base) + Files.readString(more));
        while (define.find()) {
            header.put(define.group(1), Integer.parseInt(define.group(2)));
        }
        header.put("ENOTSUP", header.get("EOPNOTSUPP")); // glibc: #define ENOTSUP EOPNOTSUPP
        List<Errno> checked = new ArrayList<>();
        for (Errno errno : Errno.values()) {
            if (errno != Errno.UNKNOWN && !LIBZMQ_OWN.contains(errno)) {
                assertEquals(header.get(errno.name()), errno.code(), errno.name());
                checked.add(errno);
            }
        }
        assertEquals(Errno.values().length - LIBZMQ_OWN.size() - 1, checked.size());
    }

    @Test
    void aPeerThatHangsUpDuringTheHandshakeIsEpipe() throws Exception {
        try (ServerSocket notZeroMq = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Socket client = zmq.socket(SocketType.DEALER);
             Monitor events = Monitor.of(client, EnumSet.of(Type.HANDSHAKE_FAILED_NO_DETAIL))) {
            Thread server = Thread.ofPlatform().daemon().start(() -> hangUpAfterTheSignature(notZeroMq));
            client.connect("tcp://127.0.0.1:" + notZeroMq.getLocalPort());
            MonitorEvent failed = events.next(Duration.ofSeconds(5));
            assertNotNull(failed, "no handshake failure reported");
            assertEquals(Errno.EPIPE, failed.error(), failed.toString());
            assertEquals("HANDSHAKE_FAILED_NO_DETAIL(EPIPE, tcp://127.0.0.1:" + notZeroMq.getLocalPort() + ")",
                    failed.toString());
            server.join(5000);
        }
    }

    /** Reads ZMTP's 10-byte signature, so that closing sends a clean FIN (unread data would make it a reset). */
    private static void hangUpAfterTheSignature(ServerSocket listener) {
        try (java.net.Socket peer = listener.accept()) {
            peer.setSoTimeout(5000);
            InputStream in = peer.getInputStream();
            in.readNBytes(10);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
