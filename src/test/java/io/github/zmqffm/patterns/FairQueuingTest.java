package io.github.zmqffm.patterns;

import io.github.zmqffm.Socket;
import io.github.zmqffm.SocketType;
import io.github.zmqffm.TestContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Fair queuing (PULL, DEALER) and load balancing (DEALER). Over inproc a send puts the message straight into the
 * pipe, so when every peer has queued its messages before the first receive, libzmq's round robin is exact:
 * each run of as many messages as there are peers holds one message from each.
 */
class FairQueuingTest {

    private static final int PEERS = 3;
    private static final int PER_PEER = 50;

    @RegisterExtension
    final TestContext zmq = new TestContext();

    @Test
    void pullTakesInTurnFromEveryPusher() {
        List<Socket> pushers = new ArrayList<>();
        try (Socket pull = zmq.socket(SocketType.PULL)) {
            String endpoint = pull.bind(TestContext.inproc());
            for (int p = 0; p < PEERS; p++) {
                Socket push = zmq.socket(SocketType.PUSH);
                pushers.add(push);
                push.connect(endpoint);
            }
            queueFromEach(pushers);
            assertServedInTurns(pull);
        } finally {
            pushers.forEach(Socket::close);
        }
    }

    @Test
    void dealerSpreadsItsSendsAndTakesInTurnFromEveryPeer() {
        List<Socket> peers = new ArrayList<>();
        try (Socket dealer = zmq.socket(SocketType.DEALER)) {
            for (int p = 0; p < PEERS; p++) {
                Socket peer = zmq.socket(SocketType.DEALER);
                peers.add(peer);
                dealer.connect(peer.bind(TestContext.inproc()));
            }
            // Outgoing: round robin, so peer p gets every PEERS-th message, in order.
            for (int i = 0; i < PEERS * PER_PEER; i++) {
                dealer.send("" + i);
            }
            Set<Integer> firsts = new HashSet<>();
            for (Socket peer : peers) {
                int first = Integer.parseInt(peer.recvString());
                firsts.add(first);
                for (int k = 1; k < PER_PEER; k++) {
                    assertEquals("" + (first + k * PEERS), peer.recvString(), "message " + k + " to one peer");
                }
            }
            assertEquals(IntStream.range(0, PEERS).boxed().collect(Collectors.toSet()), firsts, "the first round did not reach every peer");
            // Incoming: fair queued.
            queueFromEach(peers);
            assertServedInTurns(dealer);
        } finally {
            peers.forEach(Socket::close);
        }
    }

    /** Peer p queues "p 0", "p 1", ... (all of them before anything is received). */
    private static void queueFromEach(List<Socket> senders) {
        for (int p = 0; p < senders.size(); p++) {
            for (int i = 0; i < PER_PEER; i++) {
                senders.get(p).send(p + " " + i);
            }
        }
    }

    /** Receives PEERS * PER_PEER messages "p i": each turn has every peer once, each peer's i counts up. */
    private static void assertServedInTurns(Socket receiver) {
        for (int turn = 0; turn < PER_PEER; turn++) {
            Set<String> senders = new HashSet<>();
            for (int p = 0; p < PEERS; p++) {
                String message = receiver.recvString();
                assertNotNull(message, "lost messages in turn " + turn);
                String[] parts = message.split(" ");
                assertEquals("" + turn, parts[1], "turn " + turn + " got " + message);
                senders.add(parts[0]);
            }
            assertEquals(PEERS, senders.size(), "turn " + turn + " was not served by every peer: " + senders);
        }
    }
}
