package io.github.zmqffm.interop;

import io.github.zmqffm.Curve;
import io.github.zmqffm.Socket;
import io.github.zmqffm.SocketOption;
import io.github.zmqffm.SocketType;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * CURVE between Java and C or Python peers, the server on each side once, every side making its own key pair
 * (Java {@link Curve#keypair()}, C {@code zmq_curve_keypair}, pyzmq {@code zmq.curve_keypair()}). A client that
 * has the wrong server key must get no data, and the server must get none from it.
 */
class CurveInteropTest extends InteropTestBase {

    private static final int COUNT = 3;
    private static final String WRONG_KEY_TIMEOUT_MS = "500";

    @EachPeer
    void javaServerAndPeerClients(Setup setup) {
        Curve.KeyPair serverKeys = Curve.keypair();
        try (Socket server = zmq.socket(SocketType.REP)) {
            server.set(SocketOption.CURVE_SERVER, true);
            server.set(SocketOption.CURVE_SECRETKEY, serverKeys.secretKey());
            String endpoint = server.bind(setup.bindEndpoint(dir, "curve"));
            // The wrong key first, so that any data it leaked would be waiting before the right client's.
            try (Peer wrong = setup.start("curve", "client", "connect", endpoint, Curve.keypair().publicKey(), "1",
                    WRONG_KEY_TIMEOUT_MS)) {
                wrong.ready();
                assertEquals("TIMEOUT", wrong.nextLine(), "a client with the wrong server key got a reply");
                wrong.assertExit(3);
            }
            try (Peer right = setup.start("curve", "client", "connect", endpoint, serverKeys.publicKey(), "" + COUNT,
                    "5000")) {
                right.ready();
                for (int i = 0; i < COUNT; i++) {
                    assertEquals("curve " + i, server.recvString());
                    server.send("welcome curve " + i);
                    assertEquals("welcome curve " + i, right.nextLine());
                }
                right.assertExit(0);
            }
            server.set(SocketOption.RCVTIMEO, 300);
            assertNull(server.recvString(), "the server got data from the client with the wrong key");
        }
    }

    @EachPeer
    void peerServerAndJavaClients(Setup setup) {
        try (Peer server = setup.start("curve", "server", "bind", setup.bindEndpoint(dir, "curve"), "" + COUNT);
             Socket wrong = curveClient(Curve.keypair().publicKey())) {
            String serverKey = server.expect("PUBLIC ");
            String endpoint = server.ready();
            wrong.set(SocketOption.RCVTIMEO, Integer.parseInt(WRONG_KEY_TIMEOUT_MS));
            wrong.connect(endpoint);
            wrong.send("wrong");
            assertNull(wrong.recvString(), "a client with the wrong server key got a reply");
            try (Socket right = curveClient(serverKey)) {
                right.connect(endpoint);
                List<String> expected = new ArrayList<>();
                for (int i = 0; i < COUNT; i++) {
                    right.send("right " + i);
                    assertEquals("welcome right " + i, right.recvString());
                    expected.add("GOT right " + i);
                }
                // Exactly the right client's requests: nothing from the wrong one.
                assertEquals(expected, server.lines(COUNT));
                assertEquals("DONE " + COUNT, server.nextLine());
                server.assertExit(0);
            }
        }
    }

    /** A REQ CURVE client with its own new key pair. */
    private Socket curveClient(String serverKey) {
        Curve.KeyPair keys = Curve.keypair();
        Socket client = zmq.socket(SocketType.REQ);
        client.set(SocketOption.CURVE_PUBLICKEY, keys.publicKey());
        client.set(SocketOption.CURVE_SECRETKEY, keys.secretKey());
        client.set(SocketOption.CURVE_SERVERKEY, serverKey);
        return client;
    }
}
