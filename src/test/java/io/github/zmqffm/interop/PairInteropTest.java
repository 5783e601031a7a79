package io.github.zmqffm.interop;

import io.github.zmqffm.Socket;
import io.github.zmqffm.SocketType;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** PAIR between Java and C or Python peers, each side once the binder: the peer greets, then echoes. */
class PairInteropTest extends InteropTestBase {

    private static final int COUNT = 20;

    @EachPeer
    void thePeerBindsAndJavaConnects(Setup setup) {
        try (Peer peer = setup.start("pair", "bind", setup.bindEndpoint(dir, "pair"), "" + COUNT);
             Socket pair = zmq.socket(SocketType.PAIR)) {
            pair.connect(peer.ready());
            talk(setup, peer, pair);
        }
    }

    @EachPeer
    void javaBindsAndThePeerConnects(Setup setup) {
        try (Socket pair = zmq.socket(SocketType.PAIR)) {
            String endpoint = pair.bind(setup.bindEndpoint(dir, "pair"));
            try (Peer peer = setup.start("pair", "connect", endpoint, "" + COUNT)) {
                assertEquals(endpoint, peer.ready());
                talk(setup, peer, pair);
            }
        }
    }

    /** The greeting, then COUNT binary messages that must come back byte for byte. */
    private static void talk(Setup setup, Peer peer, Socket pair) {
        assertEquals("hello from " + setup.lang(), pair.recvString());
        Payloads.assertEchoed(pair, COUNT);
        assertEquals("DONE " + COUNT, peer.nextLine());
        peer.assertExit(0);
    }
}
