package io.github.zmqffm.tools;

import io.github.zmqffm.ChildJvm;
import io.github.zmqffm.Curve;
import io.github.zmqffm.Socket;
import io.github.zmqffm.SocketType;
import io.github.zmqffm.TestContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static io.github.zmqffm.tools.DeviceProcess.counter;
import static io.github.zmqffm.tools.DeviceProcess.field;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code zmqffm device} and {@code proxy-ctl} as processes: traffic, statistics lines, SIGTERM, bad arguments. */
class DeviceCommandTest {

    private static final int MESSAGES = 1000;
    private static final int SIZE = 100;

    @RegisterExtension
    final TestContext zmq = new TestContext();

    @Test
    void streamerDaemonForwardsReportsAndStopsOnSigterm() throws Exception {
        try (DeviceProcess device = new DeviceProcess("device", "streamer", "--frontend", "@tcp://127.0.0.1:*",
                "--backend", "tcp://127.0.0.1:*", "--control", "@tcp://127.0.0.1:*", "--stats-interval", "200ms");
             Socket push = zmq.socket(SocketType.PUSH);
             Socket pull = zmq.socket(SocketType.PULL)) {
            String started = device.awaitLine(line -> line.contains("\"event\":\"started\""), 30);
            assertEquals("streamer", field(started, "device"));
            push.connect(field(started, "frontend"));
            pull.connect(field(started, "backend"));
            for (int i = 0; i < MESSAGES; i++) {
                push.send(new byte[SIZE]);
            }
            for (int i = 0; i < MESSAGES; i++) {
                assertEquals(SIZE, pull.recv().length, "message " + i);
            }
            String stats = device.awaitLine(line -> line.contains("\"event\":\"stats\"")
                    && counter(line, "backend", "messages_out") == MESSAGES, 10);
            assertEquals(MESSAGES * SIZE, counter(stats, "frontend", "bytes_in"));

            ChildJvm.Result ctl = ChildJvm.finish(ChildJvm.start(List.of(), Main.class,
                    "proxy-ctl", "stats", "--control", field(started, "control")));
            assertEquals(0, ctl.exitCode(), ctl.stderr());
            assertEquals(MESSAGES, counter(ctl.stdout(), "frontend", "messages_in"), ctl.stdout());

            assertEquals(0, device.terminate(), "exit code after SIGTERM; stderr: " + device.stderr());
            String stopped = device.awaitLine(line -> line.contains("\"event\":\"stopped\""), 5);
            assertEquals(MESSAGES, counter(stopped, "frontend", "messages_in"));
            assertEquals((long) MESSAGES * SIZE, counter(stopped, "frontend", "bytes_in"));
            assertEquals(MESSAGES, counter(stopped, "backend", "messages_out"));
            assertEquals(0, counter(stopped, "backend", "messages_in"));
        }
    }

    @Test
    void proxyCtlTerminateStopsTheDaemonWithItsFinalCounters() throws Exception {
        try (DeviceProcess device = new DeviceProcess("device", "queue", "--frontend", "tcp://127.0.0.1:*",
                "--backend", "tcp://127.0.0.1:*", "--control", "tcp://127.0.0.1:*")) {
            String started = device.awaitLine(line -> line.contains("\"event\":\"started\""), 30);
            ChildJvm.Result ctl = ChildJvm.finish(ChildJvm.start(List.of(), Main.class,
                    "proxy-ctl", "terminate", "--control", ">" + field(started, "control")));
            assertEquals(0, ctl.exitCode(), ctl.stderr());
            assertEquals("OK", ctl.stdout().strip());
            String stopped = device.awaitLine(line -> line.contains("\"event\":\"stopped\""), 10);
            assertEquals(0, counter(stopped, "frontend", "messages_in"));
            assertTrue(device.process().waitFor(10, java.util.concurrent.TimeUnit.SECONDS));
            assertEquals(0, device.process().exitValue(), device.stderr());
        }
    }

    @Test
    void curveDaemonPrintsItsPublicKeyAndLetsTheRightClientThrough(@TempDir Path dir) throws Exception {
        Curve.KeyPair server = Curve.keypair();
        Path secret = Files.writeString(dir.resolve("server.secret"),
                "curve\n    public-key = \"" + server.publicKey() + "\"\n    secret-key = \"" + server.secretKey() + "\"\n");
        try (DeviceProcess device = new DeviceProcess("device", "streamer", "--frontend", "tcp://127.0.0.1:*",
                "--backend", "tcp://127.0.0.1:*", "--curve-server-secret", secret.toString());
             Socket push = zmq.socket(SocketType.PUSH);
             Socket pull = zmq.socket(SocketType.PULL)) {
            String started = device.awaitLine(line -> line.contains("\"event\":\"started\""), 30);
            assertEquals(server.publicKey(), field(started, "curve_public_key"));
            io.github.zmqffm.proxy.CurveDeviceTest.curveClient(push, server.publicKey());
            io.github.zmqffm.proxy.CurveDeviceTest.curveClient(pull, server.publicKey());
            push.connect(field(started, "frontend"));
            pull.connect(field(started, "backend"));
            push.send("secret hello");
            assertEquals("secret hello", pull.recvString());
            assertEquals(0, device.terminate(), device.stderr());
        }
    }

    @Test
    void badArgumentsExitWith2AndOneLineReason() throws Exception {
        assertUsageError("zmqffm device: Missing required option: '--backend=ENDPOINT'",
                "device", "queue", "--frontend", "@tcp://127.0.0.1:*");
        assertUsageError("zmqffm device: --frontend: malformed endpoint 'tcp://127.0.0.1': a tcp endpoint needs",
                "device", "streamer", "--frontend", "tcp://127.0.0.1", "--backend", "@tcp://127.0.0.1:*");
        assertUsageError("zmqffm device: Invalid value for positional parameter at index 0 (TYPE): 'broker' is not a "
                + "device type: expected queue, forwarder or streamer", "device", "broker", "--frontend", "@tcp://127.0.0.1:*",
                "--backend", "@tcp://127.0.0.1:*");
    }

    @Test
    void aPortInUseIsReportedInOneLineWithExitCode1() throws Exception {
        try (Socket squatter = zmq.socket(SocketType.PULL)) {
            String taken = squatter.bind("tcp://127.0.0.1:*");
            ChildJvm.Result result = ChildJvm.finish(ChildJvm.start(List.of(), Main.class, "device", "streamer",
                    "--frontend", "@" + taken, "--backend", "@tcp://127.0.0.1:*"));
            assertEquals(1, result.exitCode(), result.stderr());
            List<String> lines = result.stderr().lines().toList();
            assertEquals(1, lines.size(), result.stderr());
            assertTrue(lines.getFirst().startsWith("zmqffm device: cannot start: bind(" + taken
                    + "): Address already in use - another socket or process already listens on "), lines.getFirst());
            assertTrue(lines.getFirst().contains("(EADDRINUSE, errno "), lines.getFirst());
        }
    }

    private static void assertUsageError(String expectedStart, String... args) throws Exception {
        ChildJvm.Result result = ChildJvm.finish(ChildJvm.start(List.of(), Main.class, args));
        assertEquals(2, result.exitCode(), result.stderr());
        List<String> lines = result.stderr().lines().toList();
        assertEquals(1, lines.size(), "one line: " + result.stderr());
        assertTrue(lines.getFirst().startsWith(expectedStart), lines.getFirst());
        assertTrue(lines.getFirst().endsWith("(see 'zmqffm device --help')"), lines.getFirst());
    }
}
