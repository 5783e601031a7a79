package io.github.zmqffm.patterns;

import io.github.zmqffm.Socket;
import io.github.zmqffm.SocketOption;
import io.github.zmqffm.SocketType;
import io.github.zmqffm.TestContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;

import static io.github.zmqffm.TestContext.connectTcp;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * XPUB and XSUB: subscriptions travel upstream as messages, one byte 1 (subscribe) or 0 (unsubscribe)
 * followed by the topic. XPUB receives them; XSUB sends them; XPUB_VERBOSE passes on repeated subscriptions;
 * XPUB_WELCOME_MSG greets each new subscriber.
 */
class XPubXSubTest {

    @RegisterExtension
    final TestContext zmq = new TestContext();

    @Test
    void xpubReceivesSubscribeAndUnsubscribeAsBytes() {
        try (Socket xpub = zmq.socket(SocketType.XPUB); Socket sub = zmq.socket(SocketType.SUB)) {
            connectTcp(xpub, sub);
            sub.subscribe("news");
            assertArrayEquals(subscription(1, "news"), xpub.recv());
            // Once XPUB has seen the subscription, it filters: only the news arrives.
            xpub.send("sports 1");
            xpub.send("news 1");
            assertEquals("news 1", sub.recvString());
            sub.unsubscribe("news");
            assertArrayEquals(subscription(0, "news"), xpub.recv());
        }
    }

    @Test
    void xsubSendsSubscriptionsAsBytes() {
        try (Socket xpub = zmq.socket(SocketType.XPUB); Socket xsub = zmq.socket(SocketType.XSUB)) {
            connectTcp(xpub, xsub);
            xsub.send(subscription(1, "news"));
            assertArrayEquals(subscription(1, "news"), xpub.recv());
            xpub.send("weather 1");
            xpub.send("news 1");
            assertEquals("news 1", xsub.recvString());
            xsub.send(subscription(0, "news"));
            assertArrayEquals(subscription(0, "news"), xpub.recv());
        }
    }

    @Test
    void repeatedSubscriptionsReachTheApplicationOnlyWithXpubVerbose() {
        for (boolean verbose : new boolean[] {false, true}) {
            try (Socket xpub = zmq.socket(SocketType.XPUB); Socket first = zmq.socket(SocketType.SUB);
                 Socket second = zmq.socket(SocketType.SUB)) {
                xpub.set(SocketOption.XPUB_VERBOSE, verbose);
                String endpoint = connectTcp(xpub, first);
                second.connect(endpoint);
                first.subscribe("a");
                assertArrayEquals(subscription(1, "a"), xpub.recv());
                // "b" comes after the second "a" on the same pipe: once "b" is seen, the second "a" was handled.
                second.subscribe("a");
                second.subscribe("b");
                if (verbose) {
                    assertArrayEquals(subscription(1, "a"), xpub.recv(), "XPUB_VERBOSE passes the repeat on");
                }
                assertArrayEquals(subscription(1, "b"), xpub.recv(), verbose ? "after the repeat" : "no repeat");
            }
        }
    }

    @Test
    void xpubWelcomeMessageGreetsEveryNewSubscriber() {
        try (Socket xpub = zmq.socket(SocketType.XPUB); Socket first = zmq.socket(SocketType.SUB);
             Socket second = zmq.socket(SocketType.SUB)) {
            xpub.set(SocketOption.XPUB_WELCOME_MSG, "welcome".getBytes(StandardCharsets.UTF_8));
            // A subscriber sees the welcome only if it subscribes to it (or to everything). XPUB writes the
            // welcome when it takes a new peer on, which libzmq does inside the XPUB's own next call: here the
            // receive of that peer's subscription.
            first.subscribe("welcome");
            second.subscribe("");
            String endpoint = connectTcp(xpub, first);
            assertArrayEquals(subscription(1, "welcome"), xpub.recv());
            assertEquals("welcome", first.recvString());
            second.connect(endpoint);
            assertArrayEquals(subscription(1, ""), xpub.recv());
            assertEquals("welcome", second.recvString());
            first.set(SocketOption.RCVTIMEO, 200);
            assertNull(first.recvString(), "the welcome is sent once per subscriber");
        }
    }

    /** The message XSUB sends and XPUB receives: 1 (subscribe) or 0 (unsubscribe), then the topic. */
    private static byte[] subscription(int flag, String topic) {
        byte[] bytes = topic.getBytes(StandardCharsets.UTF_8);
        byte[] message = new byte[bytes.length + 1];
        message[0] = (byte) flag;
        System.arraycopy(bytes, 0, message, 1, bytes.length);
        return message;
    }
}
