package io.github.zmqffm.patterns;

import io.github.zmqffm.SendFlag;
import io.github.zmqffm.Socket;
import io.github.zmqffm.SocketOption;
import io.github.zmqffm.SocketType;
import io.github.zmqffm.TestContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** PAIR is exclusive: over inproc the bound PAIR keeps its first peer, and a second one is cut off both ways. */
class ExclusivePairTest {

    @RegisterExtension
    final TestContext zmq = new TestContext();

    @Test
    void aSecondPairIsShutOut() {
        try (Socket bound = zmq.socket(SocketType.PAIR); Socket first = zmq.socket(SocketType.PAIR);
             Socket second = zmq.socket(SocketType.PAIR)) {
            String endpoint = bound.bind(TestContext.inproc());
            first.connect(endpoint);
            second.connect(endpoint);
            // The second PAIR's message goes into a pipe the bound PAIR rejects: it must never be delivered.
            second.send("from the second", SendFlag.DONTWAIT);
            first.send("from the first");
            assertEquals("from the first", bound.recvString());
            bound.send("to my peer");
            assertEquals("to my peer", first.recvString());
            bound.set(SocketOption.RCVTIMEO, 200);
            second.set(SocketOption.RCVTIMEO, 200);
            assertNull(second.recvString(), "the second PAIR received data");
            assertNull(bound.recvString(), "the bound PAIR received data from the second PAIR");
        }
    }
}
