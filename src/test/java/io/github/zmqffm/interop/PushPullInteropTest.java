package io.github.zmqffm.interop;

import io.github.zmqffm.Socket;
import io.github.zmqffm.SocketType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * PUSH/PULL between Java and C or Python peers: 10,000 messages from two pushers (two pipes) into one puller,
 * none lost and each pusher's messages in the order sent.
 */
class PushPullInteropTest extends InteropTestBase {

    private static final int TOTAL = 10_000;
    private static final int PER_PUSHER = TOTAL / 2;

    @EachPeer
    void twoJavaPushersIntoAPeerPuller(Setup setup) {
        try (Peer peer = setup.start("pushpull", "pull", "bind", setup.bindEndpoint(dir, "pull"), "" + TOTAL);
             Socket alpha = zmq.socket(SocketType.PUSH); Socket beta = zmq.socket(SocketType.PUSH)) {
            String endpoint = peer.ready();
            alpha.connect(endpoint);
            beta.connect(endpoint);
            for (int i = 0; i < PER_PUSHER; i++) {
                alpha.send("alpha " + i);
                beta.send("beta " + i);
            }
            assertInOrderPerPusher(peer.lines(TOTAL), "alpha", "beta");
            assertEquals("DONE " + TOTAL, peer.nextLine());
            peer.assertExit(0);
        }
    }

    @EachPeer
    void twoPeerPushersIntoAJavaPuller(Setup setup) {
        try (Socket pull = zmq.socket(SocketType.PULL)) {
            String endpoint = pull.bind(setup.bindEndpoint(dir, "pull"));
            try (Peer one = setup.start("pushpull", "push", "connect", endpoint, "" + PER_PUSHER, "one");
                 Peer two = setup.start("pushpull", "push", "connect", endpoint, "" + PER_PUSHER, "two")) {
                List<String> received = new ArrayList<>(TOTAL);
                for (int i = 0; i < TOTAL; i++) {
                    String message = pull.recvString();
                    assertNotNull(message, "lost messages: only " + i + " of " + TOTAL + " arrived");
                    received.add(message);
                }
                assertInOrderPerPusher(received, "one", "two");
                // Only now may the pushers leave: see src/test/c/pushpull.c on libzmq dropping data at hang-up.
                for (Peer pusher : List.of(one, two)) {
                    pusher.ready();
                    assertEquals("SENT " + PER_PUSHER, pusher.nextLine());
                    pusher.writeLine("quit");
                    pusher.assertExit(0);
                }
            }
        }
    }

    /** Every pusher's "name i" messages are all there, i = 0, 1, 2, ... in order; nothing else arrived. */
    private static void assertInOrderPerPusher(List<String> received, String... pushers) {
        assertEquals(TOTAL, received.size());
        Map<String, Integer> next = new LinkedHashMap<>();
        for (String pusher : pushers) {
            next.put(pusher, 0);
        }
        for (String message : received) {
            String[] parts = message.split(" ");
            Integer expected = next.get(parts[0]);
            assertNotNull(expected, "unexpected message " + message);
            assertEquals(expected, Integer.valueOf(parts[1]), "out of order from " + parts[0]);
            next.put(parts[0], expected + 1);
        }
        next.forEach((pusher, count) -> assertEquals(PER_PUSHER, count, "messages from " + pusher));
    }
}
