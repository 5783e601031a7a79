package io.github.zmqffm.interop;

import io.github.zmqffm.Frames;
import io.github.zmqffm.Socket;
import io.github.zmqffm.SocketType;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * PUB/SUB with topic filters between Java and C or Python peers. Messages are [topic, body]. The subscriber also
 * subscribes to {@code end} and, after everything else, to {@code probe}: the publisher sends probes until the
 * subscriber has seen one (a publisher reads a subscriber's subscriptions in order, so all of them have then
 * reached it and nothing after is lost to the slow joiner), then the messages once, then {@code end}. The
 * subscriber must get exactly the messages whose topic starts with a filter.
 */
class PubSubInteropTest extends InteropTestBase {

    private static final int ROUNDS = 10;
    /** "new" is shorter than the filter "news", "newsletter" starts with it: prefix matching both ways. */
    private static final String[] TOPICS = {"weather.paris", "sports", "weather.oslo", "news", "new", "newsletter"};
    private static final String[] FILTERS = {"weather.", "news"};
    private static final int PROBES = 1000; // 10 s at one probe per 10 ms

    @EachPeer
    void javaPublishesAndThePeerGetsExactlyItsTopics(Setup setup) {
        try (Socket pub = zmq.socket(SocketType.PUB)) {
            String endpoint = pub.bind(setup.bindEndpoint(dir, "pubsub"));
            List<String> args = new ArrayList<>(List.of("sub", "connect", endpoint));
            args.addAll(List.of(FILTERS));
            try (Peer peer = setup.start("pubsub", args.toArray(String[]::new))) {
                peer.ready();
                String seen = null;
                for (int probe = 0; probe < PROBES && seen == null; probe++) {
                    pub.sendMultipart(Frames.ofStrings("probe", ""));
                    seen = peer.pollLine(Duration.ofMillis(10));
                }
                assertEquals("SUBSCRIBED", seen, "the peer never saw a probe");
                for (int i = 0; i < ROUNDS; i++) {
                    for (String topic : TOPICS) {
                        pub.sendMultipart(Frames.ofStrings(topic, topic + "#" + i));
                    }
                }
                pub.sendMultipart(Frames.ofStrings("end", ""));
                assertEquals(expected(), peer.lines(expected().size()));
                assertEquals("END", peer.nextLine());
                peer.assertExit(0);
            }
        }
    }

    @EachPeer
    void thePeerPublishesAndJavaGetsExactlyItsTopics(Setup setup) {
        List<String> args = new ArrayList<>(List.of("pub", "bind", setup.bindEndpoint(dir, "pubsub"), "" + ROUNDS));
        args.addAll(List.of(TOPICS));
        try (Peer peer = setup.start("pubsub", args.toArray(String[]::new));
             Socket sub = zmq.socket(SocketType.SUB)) {
            // Connected first, so the subscriptions travel in this order; probe last: a publisher that matches a
            // probe has read the others (subscribed before connecting, they would be sent in the trie's order).
            sub.connect(peer.ready());
            for (String filter : List.of("end", FILTERS[0], FILTERS[1], "probe")) {
                sub.subscribe(filter);
            }
            // The peer probes every 10 ms until told to go; the first probe shows the subscriptions arrived.
            Frames first = sub.recvMultipart();
            assertNotNull(first, "no probe within the receive timeout");
            assertEquals("probe", first.getString(0));
            peer.writeLine("go");
            List<String> received = new ArrayList<>();
            for (int n = 0; n <= PROBES + ROUNDS * TOPICS.length; n++) {
                Frames message = sub.recvMultipart();
                assertNotNull(message, "no end message within the receive timeout");
                String topic = message.getString(0);
                if (topic.equals("end")) {
                    break;
                }
                if (!topic.equals("probe")) {
                    received.add(topic + " " + message.getString(1));
                }
            }
            assertEquals(expected(), received);
            peer.assertExit(0);
        }
    }

    /** "topic topic#i" for every round and every topic that starts with a filter, in publishing order. */
    private static List<String> expected() {
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < ROUNDS; i++) {
            for (String topic : TOPICS) {
                if (topic.startsWith(FILTERS[0]) || topic.startsWith(FILTERS[1])) {
                    expected.add(topic + " " + topic + "#" + i);
                }
            }
        }
        return expected;
    }
}
