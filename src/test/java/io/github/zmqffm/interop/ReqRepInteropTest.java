package io.github.zmqffm.interop;

import io.github.zmqffm.Socket;
import io.github.zmqffm.SocketType;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** REQ/REP between Java and C or Python peers, each side once the requester. */
class ReqRepInteropTest extends InteropTestBase {

    private static final int COUNT = 20;

    @EachPeer
    void javaRequestsAndThePeerEchoesEveryByte(Setup setup) {
        try (Peer peer = setup.start("reqrep", "rep", "bind", setup.bindEndpoint(dir, "reqrep"), "" + COUNT);
             Socket req = zmq.socket(SocketType.REQ)) {
            req.connect(peer.ready());
            Payloads.assertEchoed(req, COUNT);
            assertEquals("DONE " + COUNT, peer.nextLine());
            peer.assertExit(0);
        }
    }

    @EachPeer
    void thePeerRequestsAndJavaReplies(Setup setup) {
        try (Socket rep = zmq.socket(SocketType.REP)) {
            String endpoint = rep.bind(setup.bindEndpoint(dir, "reqrep"));
            try (Peer peer = setup.start("reqrep", "req", "connect", endpoint, "" + COUNT)) {
                assertEquals(endpoint, peer.ready());
                for (int i = 0; i < COUNT; i++) {
                    assertEquals("request " + i, rep.recvString());
                    rep.send("reply " + i + " from Java");
                }
                for (int i = 0; i < COUNT; i++) {
                    assertEquals("reply " + i + " from Java", peer.nextLine());
                }
                peer.assertExit(0);
            }
        }
    }
}
