package io.github.zmqffm;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Connects to inproc endpoints nothing has bound yet work as in libzmq, and the socket the context makes for its
 * termination ({@link PendingInprocBinder}) is made only for them: a context sized exactly by ZMQ_MAX_SOCKETS that
 * binds before it connects never needs it, and the application never sees it. What aborted without it is in
 * {@code AbortScenarios} (child JVMs).
 */
class PendingInprocTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @Test
    void bindThenConnectNeedsNoSocketBeyondTheApplicationsOwn() {
        try (Context context = new Context()) {
            context.set(ContextOption.MAX_SOCKETS, 2);
            try (Socket pull = socket(context, SocketType.PULL); Socket push = socket(context, SocketType.PUSH)) {
                pull.bind("inproc://bound-first");
                push.connect("inproc://bound-first");
                push.send("bound first");
                assertEquals("bound first", pull.recvString());
            }
        }
    }

    @Test
    void everyConnectBeforeTheBindCompletesAtTheBindAndTheBinderIsNotCounted() {
        try (Context context = new Context();
             Socket first = socket(context, SocketType.PUSH);
             Socket second = socket(context, SocketType.PUSH);
             Socket pull = socket(context, SocketType.PULL)) {
            first.connect("inproc://bound-later");
            second.connect("inproc://bound-later");
            assertEquals(3, context.openSockets());
            pull.bind("inproc://bound-later");
            first.send("first");
            second.send("second");
            String a = pull.recvString();
            String b = pull.recvString();
            assertEquals("first second", a.compareTo(b) < 0 ? a + " " + b : b + " " + a);
        }
    }

    private static Socket socket(Context context, SocketType type) {
        Socket socket = context.socket(type);
        socket.set(SocketOption.RCVTIMEO, (int) TIMEOUT.toMillis());
        socket.set(SocketOption.SNDTIMEO, (int) TIMEOUT.toMillis());
        return socket;
    }
}
