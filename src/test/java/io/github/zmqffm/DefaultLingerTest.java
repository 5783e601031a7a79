package io.github.zmqffm;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** New sockets get the context's default linger (1 s), so closing a socket and then the context is bounded. */
class DefaultLingerTest {

    @Test
    void newSocketsStartWithTheContextsDefaultLinger() {
        try (Context context = new Context()) {
            assertEquals(Duration.ofSeconds(1), context.defaultLinger());
            try (Socket first = context.socket(SocketType.PUSH)) {
                assertEquals(1000, first.get(SocketOption.LINGER));
                context.setDefaultLinger(Duration.ZERO);
                try (Socket second = context.socket(SocketType.PUSH)) {
                    assertEquals(0, second.get(SocketOption.LINGER));
                    assertEquals(1000, first.get(SocketOption.LINGER), "existing sockets keep theirs");
                }
                context.setDefaultLinger(Duration.ofMillis(-1));
                try (Socket third = context.socket(SocketType.PUSH)) {
                    assertEquals(-1, third.get(SocketOption.LINGER), "negative is libzmq's wait-forever");
                }
                assertEquals(Duration.ofMillis(-1), context.defaultLinger());
            }
        }
    }

    @Test
    void closingASocketWithUndeliverableMessagesThenTheContextIsBoundedByTheDefaultLinger() {
        Context context = new Context();
        context.setTermTimeout(Duration.ofSeconds(30)); // so that only the linger can bound the close
        Socket push = context.socket(SocketType.PUSH);
        push.connect("tcp://127.0.0.1:1"); // nobody listens: the messages can never leave
        for (int i = 0; i < 10; i++) {
            assertTrue(push.send("stuck", SendFlag.DONTWAIT));
        }
        long start = System.nanoTime();
        push.close();
        assertTimeoutPreemptively(Duration.ofSeconds(5), context::close, "the default linger did not bound close");
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.println("default linger: closing the socket, then the context, took " + millis + " ms");
        assertTrue(millis >= 900, "the unsent messages got the 1 s linger, not " + millis + " ms");
    }

    @Test
    void messagesSentJustBeforeCloseStillReachAConnectedPeer() {
        try (Context context = new Context(); Socket pull = context.socket(SocketType.PULL)) {
            pull.set(SocketOption.RCVTIMEO, 5000);
            Socket push = context.socket(SocketType.PUSH);
            push.connect(pull.bind("tcp://127.0.0.1:*"));
            push.send("connected?");
            assertEquals("connected?", pull.recvString());
            byte[] payload = new byte[16 * 1024];
            for (int i = 0; i < 200; i++) {
                push.send(payload);
            }
            push.close(); // most of the 3.2 MB is still queued in libzmq here
            for (int i = 0; i < 200; i++) {
                assertEquals(payload.length, pull.recv(new byte[payload.length]), "message " + i);
            }
        }
    }
}
