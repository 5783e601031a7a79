package io.github.zmqffm.libzmq;

import io.github.zmqffm.Context;
import io.github.zmqffm.Socket;
import io.github.zmqffm.SocketType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * libzmq {@code tests/test_shutdown_stress.cpp}: ten rounds of a context with 7 I/O threads and a bound PUB, where
 * 100 threads each connect a SUB and close it while the connection is still being made; then the context closes.
 */
class TestShutdownStress {

    private static final int THREAD_COUNT = 100;

    @Test
    void testShutdownStress() throws Exception {
        for (int round = 0; round < 10; round++) {
            Context context = new Context(7);
            Socket pub = context.socket(SocketType.PUB);
            String endpoint = pub.bind("tcp://127.0.0.1:*");
            List<CompletableFuture<Void>> workers = new ArrayList<>();
            for (int i = 0; i < THREAD_COUNT; i++) {
                workers.add(CompletableFuture.runAsync(() -> {
                    Socket sub = context.socket(SocketType.SUB);
                    sub.connect(endpoint);
                    sub.close(); // while the connection is under way
                }, task -> Thread.ofPlatform().start(task)));
            }
            for (CompletableFuture<Void> worker : workers) {
                worker.get(30, TimeUnit.SECONDS);
            }
            pub.close();
            assertTimeoutPreemptively(Duration.ofSeconds(15), context::close, "round " + round);
        }
    }
}
