package io.github.zmqffm.libzmq;

import io.github.zmqffm.RecvFlag;
import io.github.zmqffm.Socket;
import io.github.zmqffm.SocketOption;
import io.github.zmqffm.SocketType;
import io.github.zmqffm.TestContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.ByteBuffer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * libzmq {@code tests/test_conflate.cpp}: a PULL with ZMQ_CONFLATE keeps only the last message it received. Over
 * inproc with the PULL connecting (libzmq takes an inproc pipe's conflate flag from the connecting socket), so each
 * send writes the conflated pipe itself and the receive needs no settle time: a deterministic form of libzmq's tcp
 * scenario, which sleeps SETTLE_TIME and hopes all 20 have arrived.
 */
class TestConflate {

    @RegisterExtension
    final TestContext zmq = new TestContext();

    @Test
    void testConflate() {
        try (Socket in = zmq.socket(SocketType.PULL); Socket out = zmq.socket(SocketType.PUSH)) {
            String endpoint = TestContext.inproc();
            out.bind(endpoint);
            in.set(SocketOption.CONFLATE, true);
            in.connect(endpoint);
            int count = 20;
            for (int i = 0; i < count; i++) {
                assertTrue(out.send(ByteBuffer.allocate(4).putInt(i).array()), "message " + i);
            }
            byte[] payload = in.recv();
            assertEquals(count - 1, ByteBuffer.wrap(payload).getInt(), "only the newest is kept");
            assertEquals(-1, in.recv(new byte[4], RecvFlag.DONTWAIT), "and nothing else");
        }
    }
}
