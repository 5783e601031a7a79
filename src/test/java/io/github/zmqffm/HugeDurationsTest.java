package io.github.zmqffm;

import io.github.zmqffm.proxy.Proxy;
import io.github.zmqffm.proxy.RunningProxy;
import io.github.zmqffm.proxy.SocketSpec;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.EnumSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 8, class 12 in the API: a {@link Duration} too large for {@code toMillis()}/{@code toNanos()} means "as long
 * as possible", never an ArithmeticException (before: {@code Context.close()} threw one halfway and left the
 * context unterminated; {@code setCloseLinger}, {@code Monitor.next} and a proxy's linger threw as well).
 */
class HugeDurationsTest {

    private static final Duration HUGE = Duration.ofSeconds(Long.MAX_VALUE);
    private static final Duration BOUND = Duration.ofSeconds(10);

    @Test
    void aContextTakesHugeLingerGraceAndTermTimeout() {
        // One thread makes the socket and closes the context, so close() needs no grace; nothing is queued.
        Socket socket = assertTimeoutPreemptively(BOUND, () -> {
            Context context = new Context();
            context.setCloseLinger(HUGE);
            context.setCloseGrace(HUGE);
            context.setTermTimeout(HUGE);
            Socket pair = context.socket(SocketType.PAIR);
            pair.bind(TestContext.inproc());
            context.close();
            assertTrue(context.isClosed());
            return pair;
        });
        assertTrue(socket.isClosed());
    }

    @Test
    void aMonitorWaitsWithAHugeTimeout() {
        try (Context context = new Context(); Socket socket = context.socket(SocketType.PULL);
             Monitor monitor = Monitor.of(socket, EnumSet.of(MonitorEvent.Type.LISTENING))) {
            socket.bind("tcp://127.0.0.1:*");
            MonitorEvent event = assertTimeoutPreemptively(BOUND, () -> monitor.next(HUGE));
            assertNotNull(event);
            assertEquals(MonitorEvent.Type.LISTENING, event.type());
        }
    }

    @Test
    void aProxyRunsWithAHugeLingerAndAwaitsWithAHugeTimeout() throws Exception {
        try (Context context = new Context()) {
            RunningProxy running = Proxy.of(context, SocketSpec.of(SocketType.PULL, "@tcp://127.0.0.1:*"),
                    SocketSpec.of(SocketType.PUSH, "@tcp://127.0.0.1:*")).withLinger(HUGE).start();
            assertTrue(running.failure().isEmpty(), () -> "the proxy failed: " + running.failure());
            running.close();
            assertTrue(assertTimeoutPreemptively(BOUND, () -> running.await(HUGE)));
            assertTrue(running.failure().isEmpty(), () -> "the proxy failed: " + running.failure());
        }
    }
}
