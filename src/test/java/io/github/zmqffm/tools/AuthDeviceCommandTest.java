package io.github.zmqffm.tools;

import io.github.zmqffm.Monitor;
import io.github.zmqffm.MonitorEvent;
import io.github.zmqffm.Socket;
import io.github.zmqffm.SocketOption;
import io.github.zmqffm.SocketType;
import io.github.zmqffm.TestContext;
import io.github.zmqffm.auth.Certificate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.github.zmqffm.tools.DeviceProcess.field;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code zmqffm device} with authentication, as a process: CURVE clients from a directory that changes while it
 * runs, PLAIN passwords and IP lists, refusals in the statistics lines, and the bounded message size.
 */
class AuthDeviceCommandTest {

    @RegisterExtension
    final TestContext zmq = new TestContext();

    @TempDir
    Path dir;

    @Test
    void curveClientsComeFromADirectoryThatIsReadAgainWhenItChanges() throws Exception {
        Certificate server = Certificate.create();
        server.save(dir, "server");
        Path clients = Files.createDirectory(dir.resolve("clients"));
        Certificate worker = Certificate.create();
        Certificate alice = Certificate.create();
        Certificate bob = Certificate.create();
        worker.publicOnly().save(clients, "worker");
        Path aliceFile = alice.publicOnly().save(clients, "alice");
        try (DeviceProcess device = new DeviceProcess("device", "streamer", "--frontend", "tcp://127.0.0.1:*",
                "--backend", "tcp://127.0.0.1:*", "--curve-server-secret", dir.resolve("server.key_secret").toString(),
                "--curve-clients", clients.toString(), "--stats-interval", "200ms");
             Socket pull = curveClient(SocketType.PULL, worker, server);
             Socket fromAlice = curveClient(SocketType.PUSH, alice, server);
             Socket fromMallory = curveClient(SocketType.PUSH, Certificate.create(), server)) {
            String started = device.awaitLine(line -> line.contains("\"event\":\"started\""), 30);
            assertEquals(server.publicKey(), field(started, "curve_public_key"));
            pull.connect(field(started, "backend"));
            fromAlice.connect(field(started, "frontend"));
            fromMallory.connect(field(started, "frontend"));
            fromMallory.send("from mallory");
            fromAlice.send("from alice");
            assertEquals("from alice", pull.recvString());
            device.awaitLine(line -> line.contains("\"event\":\"stats\"") && auth(line, "denied", "CURVE") >= 1, 10);

            // Added while the device runs: admitted at once, no restart.
            bob.publicOnly().save(clients, "bob");
            try (Socket fromBob = curveClient(SocketType.PUSH, bob, server)) {
                fromBob.connect(field(started, "frontend"));
                fromBob.send("from bob");
                assertEquals("from bob", pull.recvString());
            }
            // Removed: refused from its next connection (one already made stays, as ZAP only sees handshakes).
            Files.delete(aliceFile);
            long deniedBefore = auth(device.awaitLine(line -> line.contains("\"event\":\"stats\""), 10), "denied", "CURVE");
            try (Socket aliceAgain = curveClient(SocketType.PUSH, alice, server)) {
                aliceAgain.connect(field(started, "frontend"));
                aliceAgain.send("from alice, removed");
                device.awaitLine(line -> line.contains("\"event\":\"stats\"") && auth(line, "denied", "CURVE") > deniedBefore, 10);
            }
            pull.set(SocketOption.RCVTIMEO, 300);
            assertNull(pull.recvString(), "a refused client's message went through");

            assertEquals(0, device.terminate(), device.stderr());
            String stopped = device.awaitLine(line -> line.contains("\"event\":\"stopped\""), 5);
            assertEquals(3, auth(stopped, "allowed", "CURVE"), stopped);  // worker, alice, bob
            assertEquals(2, DeviceProcess.counter(stopped, "frontend", "messages_in"), stopped);
        }
    }

    @Test
    void plainPasswordsAndADenyList() throws Exception {
        Path passwords = Files.writeString(dir.resolve("passwords"), "worker=w0rk\nclient=cl1ent\n");
        try (DeviceProcess device = new DeviceProcess("device", "streamer", "--frontend", "tcp://127.0.0.1:*",
                "--backend", "tcp://127.0.0.1:*", "--plain-passwords", passwords.toString(), "--deny", "127.0.0.2",
                "--stats-interval", "200ms");
             Socket pull = plainClient(SocketType.PULL, "worker", "w0rk");
             Socket right = plainClient(SocketType.PUSH, "client", "cl1ent");
             Socket wrongPassword = plainClient(SocketType.PUSH, "client", "guess");
             Socket deniedAddress = plainClient(SocketType.PUSH, "client", "cl1ent")) {
            String started = device.awaitLine(line -> line.contains("\"event\":\"started\""), 30);
            String frontend = field(started, "frontend");
            pull.connect(field(started, "backend"));
            wrongPassword.connect(frontend);
            deniedAddress.connect("tcp://127.0.0.2:0;" + frontend.substring("tcp://".length()));
            right.connect(frontend);
            wrongPassword.send("wrong password");
            deniedAddress.send("denied address");
            right.send("right");
            assertEquals("right", pull.recvString());
            String stats = device.awaitLine(line -> line.contains("\"event\":\"stats\"") && auth(line, "denied", "PLAIN") >= 2, 10);
            assertEquals(2, auth(stats, "allowed", "PLAIN"), stats);
            pull.set(SocketOption.RCVTIMEO, 300);
            assertNull(pull.recvString(), "a refused client's message went through");
            assertEquals(0, device.terminate(), device.stderr());
        }
    }

    @Test
    void anAllowListRefusesEveryOtherAddressEvenWithoutAMechanism() throws Exception {
        try (DeviceProcess device = new DeviceProcess("device", "streamer", "--frontend", "tcp://127.0.0.1:*",
                "--backend", "tcp://127.0.0.1:*", "--allow", "127.0.0.2", "--stats-interval", "200ms");
             Socket pull = zmq.socket(SocketType.PULL);
             Socket fromLoopback = zmq.socket(SocketType.PUSH);
             Socket fromAllowed = zmq.socket(SocketType.PUSH)) {
            String started = device.awaitLine(line -> line.contains("\"event\":\"started\""), 30);
            String backend = field(started, "backend");
            String frontend = field(started, "frontend");
            pull.connect("tcp://127.0.0.2:0;" + backend.substring("tcp://".length()));
            fromLoopback.connect(frontend);
            fromAllowed.connect("tcp://127.0.0.2:0;" + frontend.substring("tcp://".length()));
            fromLoopback.send("from 127.0.0.1");
            fromAllowed.send("from 127.0.0.2");
            assertEquals("from 127.0.0.2", pull.recvString());
            device.awaitLine(line -> line.contains("\"event\":\"stats\"") && auth(line, "denied", "NULL") >= 1, 10);
            pull.set(SocketOption.RCVTIMEO, 300);
            assertNull(pull.recvString());
            assertEquals(0, device.terminate(), device.stderr());
        }
    }

    @Test
    void aPeerSendingAnOversizedMessageIsDisconnectedAndTheOthersAreStillServed() throws Exception {
        try (DeviceProcess device = new DeviceProcess("device", "streamer", "--frontend", "tcp://127.0.0.1:*",
                "--backend", "ipc://" + dir.resolve("backend"));
             Socket pull = zmq.socket(SocketType.PULL);
             Socket good = zmq.socket(SocketType.PUSH);
             Socket greedy = zmq.socket(SocketType.PUSH);
             Monitor greedyEvents = Monitor.of(greedy, Set.of(MonitorEvent.Type.CONNECTED, MonitorEvent.Type.DISCONNECTED))) {
            String started = device.awaitLine(line -> line.contains("\"event\":\"started\""), 30);
            long limit = DeviceSecurity.DEFAULT_MAX_MESSAGE_SIZE;
            assertTrue(started.contains("\"max_message_size\":{\"frontend\":" + limit + ",\"backend\":-1}"), started);
            pull.connect(field(started, "backend"));
            good.connect(field(started, "frontend"));
            greedy.connect(field(started, "frontend"));
            assertEquals(MonitorEvent.Type.CONNECTED, greedyEvents.next(Duration.ofSeconds(10)).type());
            good.send("before");
            assertEquals("before", pull.recvString());
            greedy.send(new byte[(int) limit + 1]);
            assertEquals(MonitorEvent.Type.DISCONNECTED, greedyEvents.next(Duration.ofSeconds(10)).type(),
                    "the device kept a peer that sent more than ZMQ_MAXMSGSIZE");
            good.send("after");
            assertEquals("after", pull.recvString(), "the device stopped serving the others");
            greedy.send(new byte[(int) limit]);  // at the limit: accepted once it has reconnected
            assertEquals(limit, pull.recv().length);
            assertEquals(0, device.terminate(), device.stderr());
        }
    }

    @Test
    void securityOptionsThatDoNotFitAreUsageErrors() {
        Path secret = dir.resolve("server.key_secret");
        Certificate.create().save(dir, "server");
        assertUsageError("--curve-clients needs --curve-server-secret", "--curve-clients", dir.toString());
        assertUsageError("--plain-passwords and --curve-server-secret exclude each other", "--plain-passwords",
                secret.toString(), "--curve-server-secret", secret.toString());
        assertUsageError("--allow/--deny: 'localhost' is not a literal IP address", "--allow", "localhost");
        assertUsageError("cannot read the password file " + dir.resolve("absent"), "--plain-passwords",
                dir.resolve("absent").toString());
        assertUsageError("Invalid value for option '--max-message-size': 'lots' is not a size", "--max-message-size", "lots");
    }

    // In this JVM: every one of these fails before the device makes a context.
    private static void assertUsageError(String expected, String... options) {
        List<String> args = new ArrayList<>(List.of("device", "streamer", "--frontend", "tcp://127.0.0.1:*",
                "--backend", "tcp://127.0.0.1:*"));
        args.addAll(List.of(options));
        StringWriter err = new StringWriter();
        int code = new CommandLine(new Main()).setParameterExceptionHandler(new UsageErrors())
                .setErr(new PrintWriter(err, true)).execute(args.toArray(String[]::new));
        assertEquals(2, code, err.toString());
        assertTrue(err.toString().startsWith("zmqffm device: " + expected), err.toString());
        assertEquals(1, err.toString().lines().count(), err.toString());
    }

    /** An authenticator counter of a statistics line: {@code "auth":{"denied":{"CURVE":n,...}}}. */
    private static long auth(String json, String decision, String mechanism) {
        Matcher m = Pattern.compile("\"auth\":\\{.*\"" + decision + "\":\\{[^}]*\"" + mechanism + "\":(\\d+)").matcher(json);
        if (!m.find()) {
            throw new AssertionError("no auth." + decision + "." + mechanism + " in " + json);
        }
        return Long.parseLong(m.group(1));
    }

    private Socket curveClient(SocketType type, Certificate mine, Certificate server) {
        Socket socket = zmq.socket(type);
        mine.apply(socket);
        socket.set(SocketOption.CURVE_SERVERKEY, server.publicKey());
        return socket;
    }

    private Socket plainClient(SocketType type, String user, String password) {
        Socket socket = zmq.socket(type);
        socket.set(SocketOption.PLAIN_USERNAME, user);
        socket.set(SocketOption.PLAIN_PASSWORD, password);
        return socket;
    }
}
