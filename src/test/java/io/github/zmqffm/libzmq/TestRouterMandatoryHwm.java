package io.github.zmqffm.libzmq;

import io.github.zmqffm.SendFlag;
import io.github.zmqffm.Socket;
import io.github.zmqffm.SocketOption;
import io.github.zmqffm.SocketType;
import io.github.zmqffm.TestContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * libzmq {@code tests/test_router_mandatory_hwm.cpp}: with ZMQ_ROUTER_MANDATORY a ROUTER whose pipe to a peer is
 * full refuses (EAGAIN: false with DONTWAIT) instead of dropping: with SNDHWM 1 and a peer's RCVHWM 1, a few 64 KiB
 * messages go (kernel buffers add some), then it refuses; a second batch after a pause refuses early too.
 */
class TestRouterMandatoryHwm {

    @RegisterExtension
    final TestContext zmq = new TestContext();

    @Test
    void testRouterMandatoryHwm() {
        try (Socket router = zmq.socket(SocketType.ROUTER); Socket dealer = zmq.socket(SocketType.DEALER)) {
            router.set(SocketOption.ROUTER_MANDATORY, true);
            router.set(SocketOption.SNDHWM, 1);
            router.set(SocketOption.LINGER, 1);
            // Fixed kernel buffers, as libzmq's test_hwm_pubsub sets them: loopback's autotuned ones (megabytes here)
            // held 14 messages of 64 KiB between the two checks on a quiet machine.
            router.set(SocketOption.SNDBUF, 65536);
            dealer.set(SocketOption.RCVBUF, 65536);
            String endpoint = router.bind("tcp://127.0.0.1:*");
            dealer.set(SocketOption.ROUTING_ID, "X".getBytes());
            dealer.set(SocketOption.RCVHWM, 1);
            dealer.connect(endpoint);
            assertTrue(dealer.send("Hello"));
            assertArrayEquals("X".getBytes(), router.recv(), "the connection is ready");

            byte[] big = new byte[65536];
            int i = sendUntilRefused(router, big, 0);
            assertTrue(i < 10, "refused after one message, give or take kernel buffering; sent " + i);
            Scenario.sleep(Duration.ofSeconds(1));
            i = sendUntilRefused(router, big, i);
            assertTrue(i < 20, "refused after two, give or take kernel buffering; sent " + i);
        }
    }

    private static int sendUntilRefused(Socket router, byte[] big, int from) {
        int i = from;
        while (i < 100_000 && router.send("X".getBytes(), SendFlag.DONTWAIT_SNDMORE)) {
            assertTrue(router.send(big, SendFlag.DONTWAIT), "the rest of a message is never refused");
            i++;
        }
        return i;
    }
}
