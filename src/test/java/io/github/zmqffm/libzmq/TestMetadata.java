package io.github.zmqffm.libzmq;

import io.github.zmqffm.ContextTerminatedException;
import io.github.zmqffm.Frames;
import io.github.zmqffm.Msg;
import io.github.zmqffm.Socket;
import io.github.zmqffm.SocketOption;
import io.github.zmqffm.SocketType;
import io.github.zmqffm.TestContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * libzmq {@code tests/test_metadata.cpp}: a ZAP handler's metadata, the user id it returns and the connection's own
 * properties (Socket-Type, Peer-Address) are read from each received message with {@code zmq_msg_gets}. Added, from
 * {@code test_app_meta.cpp}: application metadata set with ZMQ_METADATA (draft) on the sending side.
 */
class TestMetadata {

    @RegisterExtension
    final TestContext zmq = new TestContext();

    /** The ZAP handler's metadata: the property Hello = World, in ZMTP's name/value encoding. */
    private static final byte[] METADATA = {5, 'H', 'e', 'l', 'l', 'o', 0, 0, 0, 5, 'W', 'o', 'r', 'l', 'd'};

    @Test
    void testMetadata() throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch bound = new CountDownLatch(1);
        CompletableFuture<Void> zap = CompletableFuture.runAsync(() -> zapHandler(stop, bound),
                task -> Thread.ofPlatform().name("zap-handler").start(task));
        try {
            assertTrue(bound.await(10, TimeUnit.SECONDS));
            try (Socket server = zmq.socket(SocketType.DEALER); Socket client = zmq.socket(SocketType.DEALER);
                 Msg msg = new Msg()) {
                server.set(SocketOption.ZAP_DOMAIN, "DOMAIN");
                client.connect(server.bind("tcp://127.0.0.1:*"));
                assertTrue(client.send("This is a message"));
                assertTrue(server.recv(msg) > 0);
                assertEquals("World", msg.gets("Hello"));
                assertEquals("DEALER", msg.gets("Socket-Type"));
                assertEquals("anonymous", msg.gets("User-Id"));
                assertEquals("127.0.0.1", msg.gets("Peer-Address"));
                assertNull(msg.gets("No Such"));
            }
        } finally {
            stop.set(true);
            zap.get(10, TimeUnit.SECONDS);
        }
    }

    /** libzmq's zap_handler: 200 with metadata for the domain DOMAIN, 400 for anything else. */
    private void zapHandler(AtomicBoolean stop, CountDownLatch bound) {
        try (Socket handler = zmq.socket(SocketType.REP)) {
            handler.bind("inproc://zeromq.zap.01");
            handler.set(SocketOption.RCVTIMEO, 100);
            bound.countDown();
            while (!stop.get()) {
                Frames request = handler.recvMultipart();
                if (request == null) {
                    continue;
                }
                assertEquals("1.0", request.getString(0));
                assertEquals("NULL", request.getString(5));
                boolean ok = request.getString(2).equals("DOMAIN");
                handler.sendMultipart(ok
                        ? Frames.of(request.get(0), request.get(1), "200".getBytes(), "OK".getBytes(),
                                "anonymous".getBytes(), METADATA)
                        : Frames.of(request.get(0), request.get(1), "400".getBytes(), "BAD DOMAIN".getBytes(),
                                new byte[0], new byte[0]));
            }
        } catch (ContextTerminatedException e) {
            // the test's context went away first
        }
    }

    @Test
    void applicationMetadataFromZmqMetadata() {
        try (Socket rep = zmq.socket(SocketType.REP); Socket req = zmq.socket(SocketType.REQ); Msg msg = new Msg()) {
            rep.set(SocketOption.METADATA, "X-hello:world");
            req.set(SocketOption.METADATA, "X-hello:hello");
            req.set(SocketOption.METADATA, "X-connection:primary");
            req.connect(rep.bind("tcp://127.0.0.1:*"));
            assertTrue(req.send("ping"));
            assertTrue(rep.recv(msg) > 0);
            assertEquals("hello", msg.gets("X-hello"));
            assertEquals("primary", msg.gets("X-connection"));
            assertTrue(rep.send("pong"));
            assertTrue(req.recv(msg) > 0);
            assertEquals("world", msg.gets("X-hello"));
            assertNull(msg.gets("X-connection"));
        }
    }
}
