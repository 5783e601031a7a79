package io.github.zmqffm.interop;

import io.github.zmqffm.Curve;
import io.github.zmqffm.Monitor;
import io.github.zmqffm.MonitorEvent;
import io.github.zmqffm.Msg;
import io.github.zmqffm.Socket;
import io.github.zmqffm.SocketOption;
import io.github.zmqffm.SocketType;
import io.github.zmqffm.auth.Authenticator;
import io.github.zmqffm.auth.Certificate;
import io.github.zmqffm.auth.CertificateStore;
import io.github.zmqffm.auth.Mechanism;
import io.github.zmqffm.auth.Policy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Java authenticator with C and pyzmq clients (src/test/c/auth_client.c, src/test/python/auth_client.py): each
 * authorised client gets through with its User-Id and metadata, each unauthorised one is refused and gets nothing
 * through; certificate files pass between zmq-ffm and pyzmq, and zmq-ffm and czmq (src/test/czmq/zcert.c, linked
 * against Debian's libczmq), both ways.
 */
class AuthInteropTest extends InteropTestBase {

    private static final int COUNT = 2;
    /** How long a client that should be refused waits for a reply before it prints TIMEOUT. */
    private static final String REFUSED_TIMEOUT_MS = "1000";
    private static final Set<MonitorEvent.Type> HANDSHAKE_EVENTS = Set.of(MonitorEvent.Type.HANDSHAKE_SUCCEEDED,
            MonitorEvent.Type.HANDSHAKE_FAILED_NO_DETAIL, MonitorEvent.Type.HANDSHAKE_FAILED_PROTOCOL,
            MonitorEvent.Type.HANDSHAKE_FAILED_AUTH);

    /** Refused by the authenticator. */
    private static final Set<MonitorEvent.Type> ZAP_REFUSAL = Set.of(MonitorEvent.Type.HANDSHAKE_FAILED_AUTH);
    /** Refused by libzmq before ZAP: a key that does not decrypt. */
    private static final Set<MonitorEvent.Type> CRYPTO_FAILURE = Set.of(MonitorEvent.Type.HANDSHAKE_FAILED_PROTOCOL);
    /**
     * Refused by libzmq before ZAP: mechanisms that differ. Both sides see it at the greeting; if the client
     * hangs up first, the server sees a broken pipe (NO_DETAIL) instead of the mismatch.
     */
    private static final Set<MonitorEvent.Type> MECHANISM_MISMATCH = Set.of(MonitorEvent.Type.HANDSHAKE_FAILED_PROTOCOL,
            MonitorEvent.Type.HANDSHAKE_FAILED_NO_DETAIL);

    private final Curve.KeyPair serverKeys = Curve.keypair();

    @ParameterizedTest(name = "{0}")
    @EnumSource(Peer.Lang.class)
    void curveClientsWithACertificateGetThroughAndNoOneElse(Peer.Lang lang) {
        Certificate alice = Certificate.create().withMeta("name", "Alice").withMeta("user-id", "alice");
        alice.save(dir, "alice");
        try (Authenticator auth = Authenticator.start(zmq.context(), Policy.create().curveCertificates(dir))) {
            expectAllowed(lang, curveServer(), "alice name=Alice", curveArgs(serverKeys.publicKey(), alice));
            expectRefused(lang, curveServer(), ZAP_REFUSAL, 400, curveArgs(serverKeys.publicKey(), Certificate.create()));
            expectRefused(lang, curveServer(), CRYPTO_FAILURE, -1, curveArgs(Curve.keypair().publicKey(), alice));
            expectRefused(lang, curveServer(), MECHANISM_MISMATCH, -1, "null");
            assertTrue(auth.statistics().allowed(Mechanism.CURVE) >= 1, auth.statistics().toJson());
            assertTrue(auth.statistics().denied(Mechanism.CURVE) >= 1, auth.statistics().toJson());
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Peer.Lang.class)
    void plainClientsNeedAKnownUserAndItsPassword(Peer.Lang lang) {
        try (Authenticator auth = Authenticator.start(zmq.context(),
                Policy.create().plainPasswords(Map.of("admin", "s3cret", "guest", "guest")))) {
            Consumer<Socket> plainServer = socket -> socket.set(SocketOption.PLAIN_SERVER, true);
            expectAllowed(lang, plainServer, "admin", "plain", "admin", "s3cret");
            expectRefused(lang, plainServer, ZAP_REFUSAL, 400, "plain", "admin", "guest");
            expectRefused(lang, plainServer, ZAP_REFUSAL, 400, "plain", "nobody", "s3cret");
            expectRefused(lang, plainServer, MECHANISM_MISMATCH, -1, "null");
            assertTrue(auth.statistics().denied(Mechanism.PLAIN) >= 2, auth.statistics().toJson());
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Peer.Lang.class)
    void ipAllowAndDenyListsDecideByTheClientsSourceAddress(Peer.Lang lang) {
        Consumer<Socket> nullServer = socket -> socket.set(SocketOption.ZAP_DOMAIN, "global");
        try (Authenticator auth = Authenticator.start(zmq.context(), Policy.create().deny("127.0.0.2"))) {
            expectAllowedFrom(lang, "127.0.0.1", nullServer, "", "null");
            expectRefusedFrom(lang, "127.0.0.2", nullServer, "null");
            auth.configureDefault(Policy.create().allow("127.0.0.2"));
            expectRefusedFrom(lang, "127.0.0.1", nullServer, "null");
            expectAllowedFrom(lang, "127.0.0.2", nullServer, "", "null");
        }
    }

    @Test
    void certificatesMadeByPyzmqLoadInJavaAndAdmitTheirOwner() throws Exception {
        Path clients = Files.createDirectory(dir.resolve("clients"));
        try (Peer made = Peer.start(Peer.Lang.PYTHON, "certs", "create", clients.toString(), "bob", "name=Bob Jones",
                "user-id=bob")) {
            assertEquals("PUBLIC " + clients.resolve("bob.key"), made.nextLine());
            assertEquals("SECRET " + clients.resolve("bob.key_secret"), made.nextLine());
            made.assertExit(0);
        }
        Certificate secret = Certificate.load(clients.resolve("bob.key_secret"));
        Certificate published = Certificate.load(clients.resolve("bob.key"));
        assertEquals(secret.publicKey(), published.publicKey());
        assertEquals(Map.of("name", "Bob Jones", "user-id", "bob"), secret.metadata(), "pyzmq writes metadata to the secret file");
        assertEquals(Curve.publicKey(secret.secretKey().orElseThrow()), secret.publicKey());
        assertEquals(List.of(secret.publicKey()),
                CertificateStore.of(clients).certificates().stream().map(Certificate::publicKey).toList());
        Certificate.of(serverKeys).save(dir, "server");
        try (Authenticator _ = Authenticator.start(zmq.context(), Policy.create().curveCertificates(clients))) {
            // bob.key (the public half) holds no metadata, so the User-Id is the key itself.
            expectAllowed(Peer.Lang.PYTHON, curveServer(), secret.publicKey(), "curve-cert",
                    dir.resolve("server.key").toString(), clients.resolve("bob.key_secret").toString());
        }
    }

    @Test
    void certificatesSavedByJavaLoadInPyzmqAndAdmitTheirOwner() throws Exception {
        Path clients = Files.createDirectory(dir.resolve("clients"));
        Certificate server = Certificate.create();
        server.save(dir, "server");
        Certificate carol = Certificate.create().withMeta("name", "Carol").withMeta("user-id", "carol");
        carol.save(clients, "carol");  // what 'zmqffm cert new' does (CertCommandTest runs the command itself)
        try (Peer loaded = Peer.start(Peer.Lang.PYTHON, "certs", "load", clients.resolve("carol.key_secret").toString())) {
            assertEquals("PUBLIC " + carol.publicKey(), loaded.nextLine());
            assertEquals("SECRET " + carol.secretKey().orElseThrow(), loaded.nextLine());
            loaded.assertExit(0);
        }
        try (Peer keys = Peer.start(Peer.Lang.PYTHON, "certs", "keys", clients.toString())) {
            assertEquals("KEY " + carol.publicKey(), keys.nextLine());
            keys.assertExit(0);
        }
        Consumer<Socket> serverSetup = socket -> {
            server.apply(socket);
            socket.set(SocketOption.CURVE_SERVER, true);
        };
        try (Authenticator _ = Authenticator.start(zmq.context(), Policy.create().curveCertificates(clients))) {
            expectAllowed(Peer.Lang.PYTHON, serverSetup, "carol name=Carol", "curve-cert",
                    dir.resolve("server.key").toString(), clients.resolve("carol.key_secret").toString());
        }
    }

    @Test
    void certificatesMadeByCzmqLoadInJava() throws Exception {
        Path clients = Files.createDirectory(dir.resolve("clients"));
        String publicKey;
        try (Peer made = Peer.start(Peer.Lang.C, "zcert", "new", clients.resolve("erin.key").toString(), "name=Erin Ng",
                "user-id=erin")) {
            publicKey = made.expect("PUBLIC ");
            made.assertExit(0);
        }
        Certificate published = Certificate.load(clients.resolve("erin.key"));
        Certificate secret = Certificate.load(clients.resolve("erin.key_secret"));
        assertEquals(publicKey, published.publicKey());
        assertEquals(published, secret.publicOnly());
        assertEquals(Map.of("name", "Erin Ng", "user-id", "erin"), published.metadata(), "czmq writes metadata to both files");
        assertEquals(publicKey, Curve.publicKey(secret.secretKey().orElseThrow()));
        assertEquals(List.of(publicKey), CertificateStore.of(clients).certificates().stream().map(Certificate::publicKey).toList());
    }

    @Test
    void certificatesSavedByJavaLoadInCzmq() throws Exception {
        Path clients = Files.createDirectory(dir.resolve("clients"));
        Certificate frank = Certificate.create().withMeta("name", "Frank").withMeta("role", "it's ops");
        frank.save(clients, "frank");
        try (Peer loaded = Peer.start(Peer.Lang.C, "zcert", "load", clients.resolve("frank.key").toString())) {
            assertEquals(List.of("PUBLIC " + frank.publicKey(), "SECRET " + frank.secretKey().orElseThrow(),
                    "META name=Frank", "META role=it's ops"), loaded.lines(4));
            loaded.assertExit(0);
        }
        Files.delete(clients.resolve("frank.key_secret"));
        try (Peer loaded = Peer.start(Peer.Lang.C, "zcert", "load", clients.resolve("frank.key").toString())) {
            assertEquals(List.of("PUBLIC " + frank.publicKey(), "SECRET none"), loaded.lines(2));
            loaded.assertExit(0);
        }
        try (Peer store = Peer.start(Peer.Lang.C, "zcert", "lookup", clients.toString(), frank.publicKey())) {
            assertEquals("FOUND Frank", store.nextLine());
            store.assertExit(0);
        }
    }

    private Consumer<Socket> curveServer() {
        return socket -> {
            socket.set(SocketOption.CURVE_SERVER, true);
            socket.set(SocketOption.CURVE_SECRETKEY, serverKeys.secretKey());
        };
    }

    private static String[] curveArgs(String serverKey, Certificate client) {
        return new String[] {"curve", serverKey, client.publicKey(), client.secretKey().orElseThrow()};
    }

    private void expectAllowed(Peer.Lang lang, Consumer<Socket> setup, String user, String... mechanism) {
        expectAllowedFrom(lang, null, setup, user, mechanism);
    }

    /**
     * A REP server answers the client's requests with "welcome REQUEST user=USER-ID[ name=NAME]" from the
     * metadata libzmq attached: what the client prints proves who the authenticator said it is ({@code user} is
     * the expected "USER-ID[ name=NAME]").
     */
    private void expectAllowedFrom(Peer.Lang lang, String source, Consumer<Socket> setup, String user, String... mechanism) {
        try (Socket server = zmq.socket(SocketType.REP);
             Monitor monitor = Monitor.of(server, HANDSHAKE_EVENTS)) {
            setup.accept(server);
            String endpoint = server.bind("tcp://127.0.0.1:*");
            try (Peer client = startClient(lang, source, endpoint, "5000", mechanism)) {
                client.ready();
                List<String> expected = new ArrayList<>();
                try (Msg request = new Msg()) {
                    for (int i = 0; i < COUNT; i++) {
                        assertTrue(server.recv(request) >= 0, "no request from an authorised client");
                        String name = request.gets("name");
                        server.send("welcome " + request.getString() + " user=" + request.gets("User-Id")
                                + (name == null ? "" : " name=" + name));
                        expected.add("welcome auth " + i + " user=" + user);
                    }
                }
                assertEquals(expected, client.lines(COUNT));
                client.assertExit(0);
            }
            MonitorEvent event = monitor.next(Duration.ofSeconds(5));
            assertEquals(MonitorEvent.Type.HANDSHAKE_SUCCEEDED, event == null ? null : event.type());
        }
    }

    private void expectRefused(Peer.Lang lang, Consumer<Socket> setup, Set<MonitorEvent.Type> types, int status,
                               String... mechanism) {
        expectRefused(lang, null, setup, types, status, mechanism);
    }

    private void expectRefusedFrom(Peer.Lang lang, String source, Consumer<Socket> setup, String... mechanism) {
        expectRefused(lang, source, setup, ZAP_REFUSAL, 400, mechanism);
    }

    /**
     * The client times out and the server gets nothing; the server's first handshake event is one of
     * {@code types}, and a ZAP refusal's value is {@code status}.
     */
    private void expectRefused(Peer.Lang lang, String source, Consumer<Socket> setup, Set<MonitorEvent.Type> types,
                               int status, String... mechanism) {
        try (Socket server = zmq.socket(SocketType.REP);
             Monitor monitor = Monitor.of(server, HANDSHAKE_EVENTS)) {
            setup.accept(server);
            String endpoint = server.bind("tcp://127.0.0.1:*");
            try (Peer client = startClient(lang, source, endpoint, REFUSED_TIMEOUT_MS, mechanism)) {
                client.ready();
                assertEquals("TIMEOUT", client.nextLine(), "a refused client got a reply");
                client.assertExit(3);
            }
            // The request was sent at once: had the client got through, it would be waiting here by now.
            server.set(SocketOption.RCVTIMEO, 100);
            assertNull(server.recvString(), "a refused client's request reached the server");
            MonitorEvent event = monitor.next(Duration.ofSeconds(5));
            assertTrue(event != null && types.contains(event.type()), "the server's handshake event: " + event);
            if (event.type() == MonitorEvent.Type.HANDSHAKE_FAILED_AUTH) {
                assertEquals(status, event.value(), "ZAP status");
            }
        }
    }

    private static Peer startClient(Peer.Lang lang, String source, String endpoint, String timeoutMs, String... mechanism) {
        List<String> args = new ArrayList<>(List.of(
                source == null ? endpoint : "tcp://" + source + ":0;" + endpoint.substring("tcp://".length()),
                "" + COUNT, timeoutMs));
        args.addAll(List.of(mechanism));
        return Peer.start(lang, "auth_client", args.toArray(String[]::new));
    }
}
