package io.github.zmqffm.faults;

import io.github.zmqffm.Socket;
import io.github.zmqffm.SocketOption;
import io.github.zmqffm.SocketType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.ByteBuffer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Packet loss and delay (the {@code netem} qdisc) on a test host's link: TCP recovers every lost segment, so a PUSH
 * to PULL stream arrives whole, in order, without duplicates. Only where the kernel has {@code sch_netem}: it is
 * tried on the link and the test is skipped, saying so, where it is missing (as on the kernel this project is
 * developed on).
 */
class NetemTest {

    @RegisterExtension
    final TestHost test = new TestHost();

    @Test
    void aLossyDelayedLinkLosesNothingOverTcp() throws Exception {
        NetNamespace host = test.namespace();
        NetNamespace.Result netem = NetNamespace.run("tc", "qdisc", "add", "dev", host.hostLink(), "root",
                "netem", "delay", "20ms", "5ms", "loss", "5%");
        assumeTrue(netem.code() == 0, () -> "skipped: no netem qdisc on this kernel (" + netem.output().strip() + ")");
        try (Socket pull = test.context().socket(SocketType.PULL)) {
            pull.set(SocketOption.LINGER, 0);
            pull.set(SocketOption.RCVTIMEO, 10_000);
            pull.set(SocketOption.HEARTBEAT_IVL, 1000);
            pull.set(SocketOption.HEARTBEAT_TIMEOUT, 10_000);
            String endpoint = pull.bind("tcp://" + host.hostAddress() + ":*");
            try (PeerProcess _ = PeerProcess.start(host, "push", endpoint, "1000")) {
                SequenceCheck stream = new SequenceCheck();
                byte[] buffer = new byte[8];
                long deadline = System.nanoTime() + 120_000_000_000L;
                while (stream.received() < 2000 && System.nanoTime() < deadline && pull.recv(buffer) == 8) {
                    stream.accept(ByteBuffer.wrap(buffer).getLong());
                }
                System.out.println("[netem] " + stream);
                assertEquals(2000, stream.received(), stream.toString());
                assertEquals(0, stream.lost(), stream.toString());
                assertEquals(0, stream.duplicatedOrReordered(), stream.toString());
            }
        }
    }
}
