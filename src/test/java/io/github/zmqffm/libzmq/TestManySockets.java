package io.github.zmqffm.libzmq;

import io.github.zmqffm.ContextOption;
import io.github.zmqffm.Errno;
import io.github.zmqffm.Socket;
import io.github.zmqffm.SocketType;
import io.github.zmqffm.TestContext;
import io.github.zmqffm.ZmqException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * libzmq {@code tests/test_many_sockets.cpp}: a context makes sockets up to ZMQ_MAX_SOCKETS (default 1023), then
 * EMFILE every time, without harm; raising the limit allows more. libzmq's "until the system runs out" case is
 * bounded here at 3000, or fewer within the process's fd limit (running a JVM out of file descriptors would break
 * more than this test). Added: 300 connected pairs over tcp (fewer under a low fd limit), all carrying a message at
 * once.
 */
class TestManySockets {

    @RegisterExtension
    final TestContext zmq = new TestContext();

    @Test
    void testZmqDefaultMax() throws IOException {
        List<Socket> sockets = new ArrayList<>();
        try {
            int failures = 0;
            while (sockets.size() < 5000 && failures == 0) {
                try {
                    sockets.add(zmq.context().socket(SocketType.PAIR));
                } catch (ZmqException e) {
                    assertEquals(Errno.EMFILE, e.error());
                    failures++;
                }
            }
            // libzmq's own test: at most the default; fewer only if the process runs out of fds first.
            if (fdHeadroom() > 1023 + 100) {
                assertEquals(1023, sockets.size(), "ZMQ_MAX_SOCKETS_DFLT");
            } else {
                assertTrue(sockets.size() > 0 && sockets.size() <= 1023, "made " + sockets.size());
            }
            for (int i = 0; i < 10; i++) {
                TestContext.assertErrno(Errno.EMFILE, () -> zmq.context().socket(SocketType.PAIR));
            }
        } finally {
            sockets.forEach(Socket::close);
        }
    }

    @Test
    void raisedMaxSockets() throws IOException {
        int count = (int) Math.min(3000, fdHeadroom() - 200); // one eventfd each
        assumeTrue(count > 1100, "too few file descriptors allowed to go past 1023 sockets: " + fdHeadroom());
        zmq.context().set(ContextOption.MAX_SOCKETS, count);
        List<Socket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                sockets.add(zmq.context().socket(SocketType.PAIR));
            }
            TestContext.assertErrno(Errno.EMFILE, () -> zmq.context().socket(SocketType.PAIR));
        } finally {
            sockets.forEach(Socket::close);
        }
        assertEquals(0, zmq.context().openSockets());
    }

    @Test
    void manyConnectedPairsCarryTrafficAtOnce() throws IOException {
        int pairs = (int) Math.min(300, (fdHeadroom() - 200) / 6); // two eventfds, two connections, a listener
        assumeTrue(pairs >= 50, "too few file descriptors allowed: " + fdHeadroom());
        List<Socket> pulls = new ArrayList<>();
        List<Socket> pushes = new ArrayList<>();
        try {
            for (int i = 0; i < pairs; i++) {
                Socket pull = zmq.socket(SocketType.PULL);
                pulls.add(pull);
                Socket push = zmq.socket(SocketType.PUSH);
                pushes.add(push);
                TestContext.connectTcp(pull, push);
            }
            for (int i = 0; i < pairs; i++) {
                assertTrue(pushes.get(i).send("to " + i));
            }
            for (int i = 0; i < pairs; i++) {
                assertEquals("to " + i, pulls.get(i).recvString(), "each pair keeps its own traffic");
            }
        } finally {
            pushes.forEach(Socket::close);
            pulls.forEach(Socket::close);
        }
    }

    /** How many more files this process may open: its soft limit minus what is open now. */
    private static long fdHeadroom() throws IOException {
        long limit = Files.readAllLines(Path.of("/proc/self/limits")).stream()
                .filter(line -> line.startsWith("Max open files"))
                .mapToLong(line -> {
                    String soft = line.substring("Max open files".length()).trim().split("\\s+")[0];
                    return soft.equals("unlimited") ? Long.MAX_VALUE / 2 : Long.parseLong(soft);
                })
                .findFirst().orElse(1024);
        try (Stream<Path> open = Files.list(Path.of("/proc/self/fd"))) {
            return limit - open.count();
        }
    }
}
