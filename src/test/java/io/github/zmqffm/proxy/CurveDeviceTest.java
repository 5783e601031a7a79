package io.github.zmqffm.proxy;

import io.github.zmqffm.Curve;
import io.github.zmqffm.Socket;
import io.github.zmqffm.SocketOption;
import io.github.zmqffm.SocketType;
import io.github.zmqffm.TestContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** A CURVE-secured STREAMER: only clients that know the server's public key get through. */
public class CurveDeviceTest {

    @RegisterExtension
    final TestContext zmq = new TestContext();

    /** Makes {@code socket} a CURVE client of the server with {@code serverPublicKey}, with a fresh key pair. */
    public static void curveClient(Socket socket, String serverPublicKey) {
        Curve.KeyPair mine = Curve.keypair();
        socket.set(SocketOption.CURVE_SERVERKEY, serverPublicKey);
        socket.set(SocketOption.CURVE_PUBLICKEY, mine.publicKey());
        socket.set(SocketOption.CURVE_SECRETKEY, mine.secretKey());
    }

    @Test
    void onlyTheClientWithTheRightServerKeyGetsThrough() {
        Curve.KeyPair server = Curve.keypair();
        Consumer<Socket> curveServer = socket -> {
            socket.set(SocketOption.CURVE_SERVER, true);
            socket.set(SocketOption.CURVE_SECRETKEY, server.secretKey());
        };
        try (Socket plain = zmq.socket(SocketType.PUSH);
             Socket wrongKey = zmq.socket(SocketType.PUSH);
             Socket right = zmq.socket(SocketType.PUSH);
             Socket worker = zmq.socket(SocketType.PULL);
             RunningProxy device = Device.start(zmq.context(), DeviceType.STREAMER,
                     SocketSpec.of(SocketType.PULL, "@tcp://127.0.0.1:*").withOptions(curveServer),
                     SocketSpec.of(SocketType.PUSH, "@tcp://127.0.0.1:*").withOptions(curveServer))) {
            curveClient(wrongKey, Curve.keypair().publicKey());
            curveClient(right, server.publicKey());
            curveClient(worker, server.publicKey());
            worker.connect(device.backendEndpoint());
            for (Socket client : List.of(plain, wrongKey, right)) {
                client.connect(device.frontendEndpoint());
            }
            for (int i = 0; i < 10; i++) {
                plain.send("plain " + i);
                wrongKey.send("wrong key " + i);
                right.send("right key " + i);
            }
            List<String> received = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                received.add(worker.recvString());
            }
            assertEquals(List.of("right key 0", "right key 1", "right key 2", "right key 3", "right key 4",
                    "right key 5", "right key 6", "right key 7", "right key 8", "right key 9"), received);
            worker.set(SocketOption.RCVTIMEO, 1000);
            assertNull(worker.recvString(), "a client without the right server key got a message through");
            assertEquals(10, device.statistics().frontendMessagesIn(), "the device itself received only those 10");
        }
    }
}
