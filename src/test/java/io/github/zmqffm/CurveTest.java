package io.github.zmqffm;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CurveTest {

    @RegisterExtension
    final TestContext zmq = new TestContext();

    @Test
    void z85MatchesTheRfcTestVector() {
        byte[] data = {(byte) 0x86, 0x4F, (byte) 0xD2, 0x6F, (byte) 0xB5, 0x59, (byte) 0xF7, 0x5B};
        assertEquals("HelloWorld", Z85.encode(data));
        assertArrayEquals(data, Z85.decode("HelloWorld"));
        assertThrows(IllegalArgumentException.class, () -> Z85.encode(new byte[3]));
        assertThrows(IllegalArgumentException.class, () -> Z85.decode("abcd"));
    }

    @Test
    void keypairsAreDistinctAndPublicKeysDerive() {
        Curve.KeyPair a = Curve.keypair();
        Curve.KeyPair b = Curve.keypair();
        assertEquals(40, a.publicKey().length());
        assertEquals(40, a.secretKey().length());
        assertNotEquals(a.secretKey(), b.secretKey());
        assertEquals(a.publicKey(), Curve.publicKey(a.secretKey()));
        assertThrows(IllegalArgumentException.class, () -> Curve.publicKey("short"));
    }

    @Test
    void curveClientWithTheRightKeyGetsThroughAndAWrongKeyDoesNot() {
        Curve.KeyPair server = Curve.keypair();
        try (Socket rep = zmq.socket(SocketType.REP); Socket good = zmq.socket(SocketType.REQ);
             Socket bad = zmq.socket(SocketType.REQ)) {
            rep.set(SocketOption.CURVE_SERVER, true);
            rep.set(SocketOption.CURVE_SECRETKEY, server.secretKey());
            String endpoint = rep.bind("tcp://127.0.0.1:*");
            for (Socket client : new Socket[] {good, bad}) {
                Curve.KeyPair keys = Curve.keypair();
                client.set(SocketOption.CURVE_PUBLICKEY, keys.publicKey());
                client.set(SocketOption.CURVE_SECRETKEY, keys.secretKey());
                client.set(SocketOption.CURVE_SERVERKEY, client == good ? server.publicKey() : Curve.keypair().publicKey());
            }
            bad.set(SocketOption.RCVTIMEO, 500);
            bad.connect(endpoint);
            bad.send("from the wrong key");
            good.connect(endpoint);
            good.send("hello");
            assertEquals("hello", rep.recvString());
            rep.send("welcome");
            assertEquals("welcome", good.recvString());
            assertNull(bad.recvString(), "a client with the wrong server key got a reply");
            rep.set(SocketOption.RCVTIMEO, 300);
            assertNull(rep.recvString(), "the server received data from the wrong key");
        }
    }
}
