package io.github.zmqffm.interop;

import io.github.zmqffm.Frames;
import io.github.zmqffm.Socket;
import io.github.zmqffm.SocketOption;
import io.github.zmqffm.SocketType;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static io.github.zmqffm.FrameAsserts.strings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * ROUTER/DEALER between Java and C or Python peers, with routing ids set explicitly (ZMQ_ROUTING_ID) and
 * multipart messages that include an empty frame. The ROUTER sees the dealer's id as the first frame and routes
 * the reply back by it; with two dealers on one router each gets only its own replies.
 */
class RouterDealerInteropTest extends InteropTestBase {

    private static final int COUNT = 5;

    @EachPeer
    void twoJavaDealersAreRoutedByTheirIdsThroughAPeerRouter(Setup setup) {
        String endpoint = setup.bindEndpoint(dir, "router");
        try (Peer peer = setup.start("routerdealer", "router", "bind", endpoint, "" + 2 * COUNT);
             Socket alpha = dealer("alpha"); Socket beta = dealer("beta")) {
            String bound = peer.ready();
            alpha.connect(bound);
            beta.connect(bound);
            for (int i = 0; i < COUNT; i++) {
                alpha.sendMultipart(Frames.ofStrings("alpha " + i, "", "end " + i));
                beta.sendMultipart(Frames.ofStrings("beta " + i, "", "end " + i));
            }
            List<String> seenByRouter = peer.lines(2 * COUNT);
            for (String id : List.of("alpha", "beta")) {
                Socket dealer = id.equals("alpha") ? alpha : beta;
                List<String> fromThisDealer = new ArrayList<>();
                for (int i = 0; i < COUNT; i++) {
                    Frames reply = dealer.recvMultipart();
                    assertNotNull(reply, id + " got no reply " + i);
                    assertEquals(List.of("ack", id + " " + i, "", "end " + i), strings(reply));
                    fromThisDealer.add("FROM " + id + " " + id + " " + i + "||end " + i);
                }
                assertEquals(fromThisDealer, seenByRouter.stream().filter(l -> l.startsWith("FROM " + id + " ")).toList());
            }
            peer.assertExit(0);
        }
    }

    @EachPeer
    void aJavaRouterRoutesToAPeerDealerAndAJavaDealerByTheirIds(Setup setup) {
        String peerId = setup.lang() + "-dealer";
        try (Socket router = zmq.socket(SocketType.ROUTER); Socket javaDealer = dealer("java-dealer")) {
            String endpoint = router.bind(setup.bindEndpoint(dir, "router"));
            javaDealer.connect(endpoint);
            try (Peer peer = setup.start("routerdealer", "dealer", "connect", endpoint, "" + COUNT, peerId)) {
                peer.ready();
                for (int i = 0; i < COUNT; i++) {
                    javaDealer.sendMultipart(Frames.ofStrings("java " + i));
                }
                List<String> peerFrames = new ArrayList<>();
                List<String> javaFrames = new ArrayList<>();
                for (int n = 0; n < 2 * COUNT; n++) {
                    Frames request = router.recvMultipart();
                    assertNotNull(request, "the router got only " + n + " messages");
                    List<String> frames = strings(request);
                    String id = frames.getFirst();
                    (id.equals(peerId) ? peerFrames : javaFrames).add(String.join("|", frames.subList(1, frames.size())));
                    List<byte[]> reply = new ArrayList<>(request.asList());
                    reply.add(1, "ack".getBytes(StandardCharsets.UTF_8));
                    router.sendMultipart(reply);
                }
                List<String> expectedFromPeer = new ArrayList<>();
                List<String> expectedFromJava = new ArrayList<>();
                for (int i = 0; i < COUNT; i++) {
                    expectedFromPeer.add(peerId + " " + i + "||end " + i);
                    expectedFromJava.add("java " + i);
                    assertEquals(List.of("ack", "java " + i), strings(javaDealer.recvMultipart()));
                }
                assertEquals(expectedFromPeer, peerFrames);
                assertEquals(expectedFromJava, javaFrames);
                assertEquals(expectedFromPeer.stream().map(frames -> "ack|" + frames).toList(), peer.lines(COUNT));
                peer.assertExit(0);
            }
        }
    }

    private Socket dealer(String routingId) {
        Socket dealer = zmq.socket(SocketType.DEALER);
        dealer.set(SocketOption.ROUTING_ID, routingId.getBytes(StandardCharsets.UTF_8));
        return dealer;
    }
}
