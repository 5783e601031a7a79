package io.github.zmqffm.faults;

import io.github.zmqffm.Context;
import io.github.zmqffm.ContextTerminatedException;
import io.github.zmqffm.Socket;
import io.github.zmqffm.SocketOption;
import io.github.zmqffm.SocketType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Load on close: 1,000 contexts, each closed while a sender thread and a receiver thread are in the middle of
 * traffic on its sockets (tcp, ipc and inproc in turn). Every close wakes both threads (ETERM), they close their
 * sockets, and the close returns within a bound; no file descriptor is left behind. JeroMQ's hangs on close and
 * a JVM crash from closing a socket under a running call are what this guards against.
 */
class CloseUnderLoadTest {

    private static final int CYCLES = 1000;
    /** Each close must finish within this (it normally takes a few milliseconds). */
    private static final Duration CLOSE_BOUND = Duration.ofSeconds(5);

    @TempDir
    Path directory;

    @Test
    void thousandContextsClosedUnderLiveTraffic() throws Exception {
        long fdsBefore = openFileDescriptors();
        long slowest = 0;
        long total = 0;
        for (int cycle = 0; cycle < CYCLES; cycle++) {
            String endpoint = switch (cycle % 3) {
                case 0 -> "tcp://127.0.0.1:*";
                case 1 -> "ipc://" + directory.resolve("close-" + cycle + ".ipc");
                default -> "inproc://close-" + cycle;
            };
            long nanos = closeUnderTraffic(endpoint, cycle);
            slowest = Math.max(slowest, nanos);
            total += nanos;
        }
        long fdsAfter = openFileDescriptors();
        System.out.printf("[close under load] %d closes: mean %.2f ms, slowest %.1f ms; fds %d before, %d after%n",
                CYCLES, total / 1e6 / CYCLES, slowest / 1e6, fdsBefore, fdsAfter);
        assertTrue(fdsAfter <= fdsBefore + 10, "file descriptors leaked: " + fdsBefore + " before, " + fdsAfter + " after");
    }

    /** One cycle; returns how long Context.close() took. */
    private long closeUnderTraffic(String endpoint, int cycle) throws Exception {
        Context context = new Context();
        context.setCloseGrace(CLOSE_BOUND); // the threads close their own sockets once woken
        context.setTermTimeout(CLOSE_BOUND);
        CompletableFuture<String> bound = new CompletableFuture<>();
        CountDownLatch flowing = new CountDownLatch(10);
        CompletableFuture<Throwable> receiver = run(() -> {
            try (Socket pull = context.socket(SocketType.PULL)) {
                pull.set(SocketOption.LINGER, 0);
                bound.complete(pull.bind(endpoint));
                for (;;) {
                    pull.recv();
                    flowing.countDown();
                }
            }
        });
        CompletableFuture<Throwable> sender = run(() -> {
            try (Socket push = context.socket(SocketType.PUSH)) {
                push.set(SocketOption.LINGER, 0);
                push.set(SocketOption.SNDHWM, 100);
                push.connect(bound.get(10, TimeUnit.SECONDS));
                byte[] payload = new byte[256];
                for (;;) {
                    push.send(payload); // blocks at the HWM: the close must wake it too
                }
            }
        });
        assertTrue(flowing.await(10, TimeUnit.SECONDS), "cycle " + cycle + ": no traffic on " + endpoint);
        long start = System.nanoTime();
        context.close();
        long nanos = System.nanoTime() - start;
        assertTrue(nanos < CLOSE_BOUND.toNanos(), "cycle " + cycle + ": close took " + nanos / 1_000_000 + " ms");
        assertInstanceOf(ContextTerminatedException.class, receiver.get(10, TimeUnit.SECONDS), "cycle " + cycle);
        assertInstanceOf(ContextTerminatedException.class, sender.get(10, TimeUnit.SECONDS), "cycle " + cycle);
        assertEquals(0, context.openSockets());
        return nanos;
    }

    private interface Body {
        void run() throws Exception;
    }

    /** Runs {@code body} on a new thread; completes with what it threw (it only ends by throwing). */
    private static CompletableFuture<Throwable> run(Body body) {
        CompletableFuture<Throwable> result = new CompletableFuture<>();
        Thread.ofPlatform().start(() -> {
            try {
                body.run();
                result.complete(null);
            } catch (Throwable e) {
                result.complete(e);
            }
        });
        return result;
    }

    private static long openFileDescriptors() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }
}
