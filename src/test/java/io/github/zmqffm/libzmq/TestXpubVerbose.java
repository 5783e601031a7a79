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

/**
 * libzmq {@code tests/test_xpub_verbose.cpp}: an XPUB passes a subscription up only the first time, unless
 * ZMQ_XPUB_VERBOSE (every subscription) or ZMQ_XPUB_VERBOSER (every unsubscription too); a SUB refcounts its own
 * subscriptions and sends an unsubscription only for the last one.
 */
class TestXpubVerbose {

    @RegisterExtension
    final TestContext zmq = new TestContext();

    private static final byte[] SUBSCRIBE_A = {1, 'A'};
    private static final byte[] SUBSCRIBE_B = {1, 'B'};
    private static final byte[] UNSUBSCRIBE_A = {0, 'A'};

    @Test
    void testXpubVerboseOneSub() {
        String endpoint = TestContext.inproc();
        try (Socket pub = zmq.socket(SocketType.XPUB); Socket sub = zmq.socket(SocketType.SUB)) {
            pub.bind(endpoint);
            sub.connect(endpoint);
            sub.subscribe("A");
            assertArrayEquals(SUBSCRIBE_A, pub.recv());
            sub.subscribe("B");
            assertArrayEquals(SUBSCRIBE_B, pub.recv());
            sub.subscribe("A");
            assertNull(pub.recv(RecvFlag.DONTWAIT), "a duplicate is filtered out");
            pub.set(SocketOption.XPUB_VERBOSE, true);
            sub.subscribe("A");
            assertArrayEquals(SUBSCRIBE_A, pub.recv(), "with XPUB_VERBOSE the duplicate comes up");
            pub.send("A");
            pub.send("B");
            assertEquals("A", sub.recvString());
            assertEquals("B", sub.recvString());
        }
    }

    @Test
    void testXpubVerboseTwoSubs() {
        String endpoint = TestContext.inproc();
        try (Socket pub = zmq.socket(SocketType.XPUB); Socket sub0 = zmq.socket(SocketType.SUB);
             Socket sub1 = zmq.socket(SocketType.SUB)) {
            pub.bind(endpoint);
            sub0.connect(endpoint);
            sub1.connect(endpoint);
            sub0.subscribe("A");
            assertArrayEquals(SUBSCRIBE_A, pub.recv());
            sub1.subscribe("A");
            assertNull(pub.recv(RecvFlag.DONTWAIT), "the same topic from another subscriber is filtered out");
            sub0.subscribe("B");
            assertArrayEquals(SUBSCRIBE_B, pub.recv());
            pub.set(SocketOption.XPUB_VERBOSE, true);
            sub1.subscribe("A");
            assertArrayEquals(SUBSCRIBE_A, pub.recv());
            pub.send("A");
            pub.send("B");
            assertEquals("A", sub0.recvString());
            assertEquals("A", sub1.recvString());
            assertEquals("B", sub0.recvString());
        }
    }

    @Test
    void testXpubVerboserOneSub() {
        String endpoint = TestContext.inproc();
        try (Socket pub = zmq.socket(SocketType.XPUB); Socket sub = zmq.socket(SocketType.SUB)) {
            pub.bind(endpoint);
            sub.connect(endpoint);
            sub.unsubscribe("A");
            assertNull(pub.recv(RecvFlag.DONTWAIT), "unsubscribing from nothing: filtered by the SUB");
            sub.subscribe("A");
            assertArrayEquals(SUBSCRIBE_A, pub.recv());
            sub.subscribe("A");
            assertNull(pub.recv(RecvFlag.DONTWAIT), "the SUB counts it; the XPUB filters the duplicate");
            sub.unsubscribe("A");
            sub.unsubscribe("A");
            assertArrayEquals(UNSUBSCRIBE_A, pub.recv(), "sent when the count drops to zero");
            assertNull(pub.recv(RecvFlag.DONTWAIT), "and only once");
            sub.unsubscribe("A");
            assertNull(pub.recv(RecvFlag.DONTWAIT));

            pub.set(SocketOption.XPUB_VERBOSER, true);
            sub.subscribe("A");
            assertArrayEquals(SUBSCRIBE_A, pub.recv());
            pub.send("A");
            assertEquals("A", sub.recvString());
            sub.unsubscribe("A");
            assertArrayEquals(UNSUBSCRIBE_A, pub.recv());
            sub.unsubscribe("A");
            assertNull(pub.recv(RecvFlag.DONTWAIT), "the SUB sends an unsubscription only for what it had");
        }
    }
}
