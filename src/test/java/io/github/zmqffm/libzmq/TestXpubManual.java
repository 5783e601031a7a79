package io.github.zmqffm.libzmq;

import io.github.zmqffm.RecvFlag;
import io.github.zmqffm.Socket;
import io.github.zmqffm.SocketOption;
import io.github.zmqffm.SocketType;
import io.github.zmqffm.TestContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * libzmq {@code tests/test_xpub_manual.cpp}: with ZMQ_XPUB_MANUAL the application decides the subscriptions: an
 * XPUB passes each (un)subscription up and applies only what the application sets with ZMQ_SUBSCRIBE /
 * ZMQ_UNSUBSCRIBE on it, for the pipe that sent the last one; a proxy built that way forwards unsubscriptions when
 * subscribers disconnect; a message that is neither is passed up as is.
 */
class TestXpubManual {

    @RegisterExtension
    final TestContext zmq = new TestContext();

    private static final byte[] SUBSCRIBE_A = {1, 'A'};
    private static final byte[] SUBSCRIBE_B = {1, 'B'};
    private static final byte[] UNSUBSCRIBE_A = {0, 'A'};
    private static final byte[] UNSUBSCRIBE_B = {0, 'B'};

    @Test
    void testBasic() {
        String endpoint = TestContext.inproc();
        try (Socket pub = zmq.socket(SocketType.XPUB); Socket sub = zmq.socket(SocketType.XSUB)) {
            pub.set(SocketOption.XPUB_MANUAL, true);
            pub.bind(endpoint);
            sub.connect(endpoint);
            assertTrue(sub.send(SUBSCRIBE_A));
            assertArrayEquals(SUBSCRIBE_A, pub.recv());
            pub.subscribe("B"); // instead of A
            assertTrue(pub.send("A"));
            assertTrue(pub.send("B"));
            assertEquals("B", sub.recvString(RecvFlag.DONTWAIT));
            assertNull(sub.recv(RecvFlag.DONTWAIT), "A was never subscribed");
        }
    }

    @Test
    void testUnsubscribeManual() {
        String endpoint = TestContext.inproc();
        try (Socket pub = zmq.socket(SocketType.XPUB)) {
            pub.bind(endpoint);
            pub.set(SocketOption.XPUB_MANUAL, true);
            try (Socket sub = zmq.socket(SocketType.XSUB)) {
                sub.connect(endpoint);
                assertTrue(sub.send(SUBSCRIBE_A));
                assertTrue(sub.send(SUBSCRIBE_B));
                assertArrayEquals(SUBSCRIBE_A, pub.recv());
                pub.subscribe("XA");
                assertArrayEquals(SUBSCRIBE_B, pub.recv());
                pub.subscribe("XB");
                assertTrue(sub.send(UNSUBSCRIBE_A));
                assertArrayEquals(UNSUBSCRIBE_A, pub.recv());
                pub.unsubscribe("XA");
                assertTrue(pub.send("XA"));
                assertTrue(pub.send("XB"));
                assertEquals("XB", sub.recvString(RecvFlag.DONTWAIT));
                assertNull(sub.recv(RecvFlag.DONTWAIT));
            }
            assertArrayEquals(UNSUBSCRIBE_B, pub.recv(), "closing the subscriber unsubscribes what it still had");
            pub.unsubscribe("XB");
        }
    }

    @Test
    void testXpubProxyUnsubscribeOnDisconnect() {
        byte[] topic = "1".getBytes();
        byte[] payload = "X".getBytes();
        byte[] subscription = {1, '1'};
        byte[] unsubscription = {0, '1'};
        try (Socket xsubProxy = zmq.socket(SocketType.XSUB); Socket xpubProxy = zmq.socket(SocketType.XPUB);
             Socket pub = zmq.socket(SocketType.PUB)) {
            String frontend = xsubProxy.bind("tcp://127.0.0.1:*");
            xpubProxy.set(SocketOption.XPUB_MANUAL, true);
            String backend = xpubProxy.bind("tcp://127.0.0.1:*");
            pub.connect(frontend);
            Socket sub1 = zmq.socket(SocketType.SUB);
            Socket sub2 = zmq.socket(SocketType.SUB);
            try {
                for (Socket sub : new Socket[] {sub1, sub2}) {
                    sub.connect(backend);
                    sub.subscribe(topic);
                    assertArrayEquals(subscription, xpubProxy.recv(), "the proxy sees the subscription");
                    xpubProxy.subscribe(topic);
                    assertTrue(xsubProxy.send(subscription), "and passes it on");
                }
                awaitUpstreamApplied(pub, xsubProxy, "P"); // libzmq sleeps SETTLE_TIME here
                assertTrue(pub.sendMore(topic));
                assertTrue(pub.send(payload));
                assertArrayEquals(topic, xsubProxy.recv());
                assertArrayEquals(payload, xsubProxy.recv());
                assertTrue(xpubProxy.sendMore(topic));
                assertTrue(xpubProxy.send(payload));
                for (Socket sub : new Socket[] {sub2, sub1}) {
                    assertArrayEquals(topic, sub.recv());
                    assertArrayEquals(payload, sub.recv());
                }
            } finally {
                sub1.close();
                sub2.close();
            }
            for (int i = 0; i < 2; i++) {
                assertArrayEquals(unsubscription, xpubProxy.recv(), "one unsubscription per subscriber that left");
                xpubProxy.unsubscribe(topic);
                assertTrue(xsubProxy.send(unsubscription));
            }
            awaitUpstreamApplied(pub, xsubProxy, "Q");
            assertTrue(pub.sendMore(topic));
            assertTrue(pub.send(payload));
            assertTrue(pub.send("Q:marker"));
            assertEquals("Q:marker", xsubProxy.recvString(), "nothing reaches the proxy any more, only the marker after it");
        }
    }

    /**
     * Subscribes {@code xsub} to a fresh probe topic and has {@code pub} send probes on it until one arrives (within
     * 10 s), then one last probe, read up to: a PUB applies what comes up one connection in order, so every
     * (un)subscription sent before the probe's is now in force, and no probe is left in flight.
     */
    private static void awaitUpstreamApplied(Socket pub, Socket xsub, String probeTopic) {
        assertTrue(xsub.send(new byte[] {1, (byte) probeTopic.charAt(0)}));
        long deadline = System.nanoTime() + 10_000_000_000L;
        boolean through = false;
        for (int attempt = 0; !through && attempt < 1000 && System.nanoTime() < deadline; attempt++) {
            assertTrue(pub.send(probeTopic + ":" + attempt));
            Scenario.sleep(java.time.Duration.ofMillis(10)); // pacing: the subscription travels on libzmq's threads
            through = xsub.recv(RecvFlag.DONTWAIT) != null;
        }
        assertTrue(through, "the probe subscription " + probeTopic + " did not reach the publisher within 10 s");
        assertTrue(pub.send(probeTopic + ":end"));
        String last = null;
        for (int read = 0; read < 1000 && !(probeTopic + ":end").equals(last); read++) {
            last = xsub.recvString();
            assertTrue(last != null && last.startsWith(probeTopic + ":"), "only probes in flight, got " + last);
        }
    }

    @Test
    void testUnsubscribeCleanup() {
        try (Socket pub = zmq.socket(SocketType.XPUB)) {
            pub.set(SocketOption.XPUB_MANUAL, true);
            String endpoint = pub.bind("tcp://127.0.0.1:*");
            try (Socket sub = zmq.socket(SocketType.XSUB)) {
                sub.connect(endpoint);
                assertTrue(sub.send(SUBSCRIBE_A));
                assertArrayEquals(SUBSCRIBE_A, pub.recv());
                pub.subscribe("XA");
                assertTrue(pub.send("XA"));
                assertTrue(pub.send("XB"));
                assertEquals("XA", sub.recvString());
                assertNull(sub.recv(RecvFlag.DONTWAIT), "nothing left in the queue");
            }
            assertArrayEquals(UNSUBSCRIBE_A, pub.recv(), "closing the subscriber unsubscribes");
            pub.unsubscribe("XA"); // there is no pipe left: does nothing, without an error
            try (Socket sub = zmq.socket(SocketType.XSUB)) {
                sub.connect(endpoint);
                assertTrue(sub.send(SUBSCRIBE_B));
                assertArrayEquals(SUBSCRIBE_B, pub.recv());
                pub.subscribe("XB");
                assertTrue(pub.send("XA"));
                assertTrue(pub.send("XB"));
                assertEquals("XB", sub.recvString(), "the old XA subscription did not survive");
                assertNull(sub.recv(RecvFlag.DONTWAIT));
            }
        }
    }

    @Test
    void testUserMessage() {
        String endpoint = TestContext.inproc();
        try (Socket pub = zmq.socket(SocketType.XPUB); Socket sub = zmq.socket(SocketType.XSUB)) {
            pub.bind(endpoint);
            sub.connect(endpoint);
            byte[] neither = {2, 'A'};
            assertTrue(sub.send(neither));
            assertArrayEquals(neither, pub.recv(), "neither a subscription nor an unsubscription: passed up");
        }
    }
}
