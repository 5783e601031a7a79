package io.github.zmqffm.patterns;

import io.github.zmqffm.Errno;
import io.github.zmqffm.Frames;
import io.github.zmqffm.Socket;
import io.github.zmqffm.SocketOption;
import io.github.zmqffm.SocketType;
import io.github.zmqffm.TestContext;
import io.github.zmqffm.ZmqException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;

import static io.github.zmqffm.FrameAsserts.assertReceives;
import static io.github.zmqffm.TestContext.connectTcp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The six legal request-reply combinations of the ZeroMQ guide (chapter 3), each with the envelope it implies:
 * REQ adds an empty delimiter frame and REP strips everything up to it (and puts it back on the reply); ROUTER
 * adds the sender's routing id in front and routes a reply by it; DEALER adds and strips nothing.
 */
class RequestReplyTest {

    @RegisterExtension
    final TestContext zmq = new TestContext();

    @Test
    void reqToRepHidesTheEnvelopeOnBothSides() {
        try (Socket rep = zmq.socket(SocketType.REP); Socket req = zmq.socket(SocketType.REQ)) {
            connectTcp(rep, req);
            req.send("hello");
            assertReceives(rep, "hello");
            rep.send("world");
            assertReceives(req, "world");
        }
    }

    @Test
    void dealerToRepMustSendTheDelimiterAndGetsTheEnvelopeBack() {
        try (Socket rep = zmq.socket(SocketType.REP); Socket dealer = zmq.socket(SocketType.DEALER)) {
            connectTcp(rep, dealer);
            // REP keeps everything up to and including the empty delimiter and returns it with the reply.
            dealer.sendMultipart(Frames.ofStrings("", "hello"));
            assertReceives(rep, "hello");
            rep.send("world");
            assertReceives(dealer, "", "world");
            dealer.sendMultipart(Frames.ofStrings("hop-2", "hop-1", "", "again"));
            assertReceives(rep, "again");
            rep.send("back");
            assertReceives(dealer, "hop-2", "hop-1", "", "back");
        }
    }

    @Test
    void reqToRouterShowsTheRoutingIdAndTheDelimiter() {
        try (Socket router = zmq.socket(SocketType.ROUTER); Socket req = withId(SocketType.REQ, "client")) {
            connectTcp(router, req);
            req.send("hello");
            assertReceives(router, "client", "", "hello");
            router.sendMultipart(Frames.ofStrings("client", "", "world"));
            assertReceives(req, "world");
        }
    }

    @Test
    void dealerToRouterShowsOnlyTheRoutingId() {
        try (Socket router = zmq.socket(SocketType.ROUTER); Socket dealer = withId(SocketType.DEALER, "worker")) {
            connectTcp(router, dealer);
            dealer.send("hello");
            assertReceives(router, "worker", "hello");
            router.sendMultipart(Frames.ofStrings("worker", "world"));
            assertReceives(dealer, "world");
        }
    }

    @Test
    void dealerToDealerPassesFramesUntouched() {
        try (Socket a = zmq.socket(SocketType.DEALER); Socket b = zmq.socket(SocketType.DEALER)) {
            connectTcp(a, b);
            b.send("hello");
            assertReceives(a, "hello");
            a.sendMultipart(Frames.ofStrings("", "world"));
            assertReceives(b, "", "world");
        }
    }

    @Test
    void routerToRouterAddressesEachOtherByRoutingId() throws InterruptedException {
        try (Socket server = withId(SocketType.ROUTER, "server"); Socket client = withId(SocketType.ROUTER, "client")) {
            client.set(SocketOption.ROUTER_MANDATORY, true);
            connectTcp(server, client);
            // The client can address "server" only once the handshake told it that id; until then
            // ROUTER_MANDATORY makes the send fail with EHOSTUNREACH instead of dropping the message.
            boolean sent = false;
            for (int attempt = 0; attempt < 500 && !sent; attempt++) {
                try {
                    sent = client.sendMultipart(Frames.ofStrings("server", "hello"));
                } catch (ZmqException e) {
                    assertEquals(Errno.EHOSTUNREACH, e.error(), e.getMessage());
                    Thread.sleep(10);
                }
            }
            assertTrue(sent, "the server's routing id never became routable");
            assertReceives(server, "client", "hello");
            server.sendMultipart(Frames.ofStrings("client", "world"));
            assertReceives(client, "server", "world");
        }
    }

    private Socket withId(SocketType type, String routingId) {
        Socket socket = zmq.socket(type);
        socket.set(SocketOption.ROUTING_ID, routingId.getBytes(StandardCharsets.UTF_8));
        return socket;
    }
}
