package io.github.zmqffm.proxy;

import io.github.zmqffm.Context;
import io.github.zmqffm.ContextTerminatedException;
import io.github.zmqffm.Socket;
import io.github.zmqffm.SocketType;
import org.junit.jupiter.api.RepeatedTest;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Closing a context while other threads are inside libzmq (a proxy's native loop, a blocking receive) wakes them
 * with ETERM and lets them close their own sockets first: no crash, nothing left open. Repeated, because a race
 * here would show only sometimes.
 */
class ContextCloseTest {

    @RepeatedTest(5)
    void closingTheContextUnderARunningProxyAndABlockedReceiveIsSafe() throws Exception {
        Context context = new Context();
        RunningProxy proxy = Device.start(context, DeviceType.STREAMER,
                SocketSpec.of(SocketType.PULL, "@tcp://127.0.0.1:*"), SocketSpec.of(SocketType.PUSH, "@tcp://127.0.0.1:*"));
        CompletableFuture<Throwable> receiver = new CompletableFuture<>();
        CompletableFuture<Void> bound = new CompletableFuture<>();
        Thread thread = Thread.ofPlatform().start(() -> {
            try (Socket pull = context.socket(SocketType.PULL)) {
                pull.connect(proxy.backendEndpoint());
                bound.complete(null);
                pull.recv(); // nobody sends: blocks until the context closes
                receiver.complete(null);
            } catch (Throwable t) {
                receiver.complete(t);
            }
        });
        bound.get(5, TimeUnit.SECONDS);
        Thread.sleep(50);

        assertTimeoutPreemptively(Duration.ofSeconds(10), context::close);

        assertInstanceOf(ContextTerminatedException.class, receiver.get(5, TimeUnit.SECONDS));
        thread.join(5000);
        assertFalse(proxy.isRunning());
        assertEquals(0, context.openSockets());
        proxy.close();
    }
}
