package io.github.zmqffm.auth;

import io.github.zmqffm.Context;
import io.github.zmqffm.Curve;
import io.github.zmqffm.MonitorEvent;
import io.github.zmqffm.Socket;
import io.github.zmqffm.SocketOption;
import io.github.zmqffm.TestContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The authenticator with Java clients: each mechanism allowed and refused, IP lists, reloaded passwords and
 * certificates, per-domain policies, User-Id and metadata, counters, and its life with the context.
 */
class AuthenticatorTest {

    @RegisterExtension
    final TestContext zmq = new TestContext();

    @TempDir
    Path dir;

    private final Curve.KeyPair serverKeys = Curve.keypair();

    @Test
    void nullPeersAreAskedAboutOnlyWithAZapDomainAndThenFilteredByAddress() {
        try (Authenticator auth = Authenticator.start(zmq.context(), Policy.create().deny("127.0.0.1"))) {
            // No ZAP_DOMAIN: libzmq does not ask about NULL peers at all.
            Handshake.attempt(zmq, server -> {}, client -> {}).assertAllowed();
            assertEquals(0, auth.statistics().denied(Mechanism.NULL));
            Handshake.attempt(zmq, domain("global"), client -> {}).assertRefusedByZap(400);
            assertEquals(1, auth.statistics().denied(Mechanism.NULL));
            auth.configureDefault(Policy.create());
            assertEquals("", Handshake.attempt(zmq, domain("global"), client -> {}).assertAllowed());
            assertEquals(1, auth.statistics().allowed(Mechanism.NULL));
        }
    }

    @Test
    void withAnAllowListEveryOtherAddressIsRefused() {
        try (Authenticator auth = Authenticator.start(zmq.context(), Policy.create().allow("127.0.0.2").deny("127.0.0.2"))) {
            Handshake.attempt(zmq, domain("global"), client -> {}, "127.0.0.1", List.of()).assertRefusedByZap(400);
            Handshake.attempt(zmq, domain("global"), client -> {}, "127.0.0.2", List.of()).assertAllowed();
            // The allow list is no password: PLAIN from an allowed address still needs the right one.
            auth.configureDefault(Policy.create().allow("127.0.0.2").plainPasswords(Map.of("admin", "secret")));
            Handshake.attempt(zmq, plainServer(), plainClient("admin", "wrong"), "127.0.0.2", List.of()).assertRefusedByZap(400);
            Handshake.attempt(zmq, plainServer(), plainClient("admin", "secret"), "127.0.0.1", List.of()).assertRefusedByZap(400);
            assertEquals("admin", Handshake.attempt(zmq, plainServer(), plainClient("admin", "secret"), "127.0.0.2", List.of())
                    .assertAllowed());
        }
    }

    @Test
    void aDenyListRefusesOnlyItsAddresses() {
        try (Authenticator auth = Authenticator.start(zmq.context(), Policy.create().deny("127.0.0.2").curveAnyClient())) {
            Handshake.attempt(zmq, domain("global"), client -> {}, "127.0.0.1", List.of()).assertAllowed();
            Handshake.attempt(zmq, domain("global"), client -> {}, "127.0.0.2", List.of()).assertRefusedByZap(400);
            Handshake.attempt(zmq, curveServer(), curveClient(Curve.keypair()), "127.0.0.2", List.of()).assertRefusedByZap(400);
            Handshake.attempt(zmq, curveServer(), curveClient(Curve.keypair()), "127.0.0.1", List.of()).assertAllowed();
            AuthStatistics stats = auth.statistics();
            assertEquals(List.of(1L, 1L, 1L, 1L), List.of(stats.allowed(Mechanism.NULL), stats.denied(Mechanism.NULL),
                    stats.allowed(Mechanism.CURVE), stats.denied(Mechanism.CURVE)), stats.toJson());
        }
    }

    @Test
    void plainChecksUserAndPasswordAndReturnsTheUserName() {
        try (Authenticator auth = Authenticator.start(zmq.context(),
                Policy.create().plainPasswords(Map.of("admin", "secret", "guest", "")))) {
            assertEquals("admin", Handshake.attempt(zmq, plainServer(), plainClient("admin", "secret")).assertAllowed());
            Handshake.attempt(zmq, plainServer(), plainClient("admin", "Secret")).assertRefusedByZap(400);
            Handshake.attempt(zmq, plainServer(), plainClient("nobody", "secret")).assertRefusedByZap(400);
            assertEquals(1, auth.statistics().allowed(Mechanism.PLAIN));
            assertEquals(2, auth.statistics().denied(Mechanism.PLAIN));
        }
    }

    @Test
    void plainIsRefusedUntilPasswordsAreConfigured() {
        try (Authenticator auth = Authenticator.start(zmq.context())) {
            Handshake.attempt(zmq, plainServer(), plainClient("admin", "secret")).assertRefusedByZap(400);
            Handshake.attempt(zmq, curveServer(), curveClient(Curve.keypair())).assertRefusedByZap(400);
            assertEquals(1, auth.statistics().denied(Mechanism.PLAIN));
            assertEquals(1, auth.statistics().denied(Mechanism.CURVE));
        }
    }

    @Test
    void aPasswordFileIsReadAgainWhenItChanges() throws Exception {
        Path file = Files.writeString(dir.resolve("passwords"), "# users\nadmin=old=secret\n\nnot a line\n");
        try (Authenticator auth = Authenticator.start(zmq.context(), Policy.create().plainPasswordFile(file))) {
            assertEquals("admin", Handshake.attempt(zmq, plainServer(), plainClient("admin", "old=secret")).assertAllowed());
            Files.writeString(file, "admin=new secret\r\nbob=pw\n");
            Handshake.attempt(zmq, plainServer(), plainClient("admin", "old=secret")).assertRefusedByZap(400);
            Handshake.attempt(zmq, plainServer(), plainClient("admin", "new secret")).assertAllowed();
            assertEquals("bob", Handshake.attempt(zmq, plainServer(), plainClient("bob", "pw")).assertAllowed());
            // Unreadable now (removed): a temporary failure, not a wrong password.
            Files.delete(file);
            Handshake.attempt(zmq, plainServer(), plainClient("bob", "pw")).assertRefusedByZap(300);
            // After a 300 the client reconnects (after 400 or 500 it gives up): perhaps more than once by now.
            AuthStatistics stats = auth.statistics();
            assertTrue(stats.temporaryFailures() >= 1, stats.toJson());
            assertEquals(1 + stats.temporaryFailures(), stats.denied(Mechanism.PLAIN), stats.toJson());
        }
    }

    @Test
    void curveAllowsAnyClientOrASetOfKeysAndReturnsTheKeyAsUserId() {
        Curve.KeyPair known = Curve.keypair();
        try (Authenticator auth = Authenticator.start(zmq.context(), Policy.create().curveAnyClient())) {
            assertEquals(known.publicKey(), Handshake.attempt(zmq, curveServer(), curveClient(known)).assertAllowed());
            auth.configureDefault(Policy.create().curveKeys(Set.of(known.publicKey())));
            assertEquals(known.publicKey(), Handshake.attempt(zmq, curveServer(), curveClient(known)).assertAllowed());
            Handshake.attempt(zmq, curveServer(), curveClient(Curve.keypair())).assertRefusedByZap(400);
        }
    }

    @Test
    void curveCertificatesGiveUserIdAndMetadata() {
        Certificate alice = Certificate.create().withMeta("name", "Alice Smith").withMeta("user-id", "alice")
                .withMeta("Socket-Type", "PUB");  // reserved by libzmq: not passed on
        Certificate bob = Certificate.create().withMeta("name", "bob");
        alice.save(dir, "alice");
        bob.save(dir, "bob");
        try (Authenticator _ = Authenticator.start(zmq.context(), Policy.create().curveCertificates(dir))) {
            Handshake.Outcome outcome = Handshake.attempt(zmq, curveServer(), curveClient(alice), null, List.of("name", "Socket-Type"));
            assertEquals("alice", outcome.assertAllowed());
            assertEquals("Alice Smith", outcome.properties().get("name"));
            assertEquals("PUSH", outcome.properties().get("Socket-Type"), "the peer's real socket type, not the certificate's");
            outcome = Handshake.attempt(zmq, curveServer(), curveClient(bob), null, List.of("name"));
            assertEquals(bob.publicKey(), outcome.assertAllowed(), "without user-id metadata, the key is the User-Id");
            assertEquals("bob", outcome.properties().get("name"));
            Handshake.attempt(zmq, curveServer(), curveClient(Curve.keypair())).assertRefusedByZap(400);
        }
    }

    @Test
    void theCertificateDirectoryIsReadAgainWhenItChanges() throws Exception {
        Certificate carol = Certificate.create().withMeta("name", "carol");
        Path clients = dir.resolve("clients");  // absent at first: no client is allowed
        try (Authenticator auth = Authenticator.start(zmq.context(), Policy.create().curveCertificates(clients))) {
            Handshake.attempt(zmq, curveServer(), curveClient(carol)).assertRefusedByZap(400);
            Files.createDirectories(clients);
            Path file = carol.publicOnly().save(clients, "carol");
            assertEquals(carol.publicKey(), Handshake.attempt(zmq, curveServer(), curveClient(carol)).assertAllowed());
            Files.delete(file);
            Handshake.attempt(zmq, curveServer(), curveClient(carol)).assertRefusedByZap(400);
            // A directory that cannot be listed any more: a temporary failure (300), the client retries later.
            Files.delete(clients);
            Files.writeString(clients, "not a directory");
            Handshake.attempt(zmq, curveServer(), curveClient(carol)).assertRefusedByZap(300);
            AuthStatistics stats = auth.statistics();
            assertEquals(1, stats.allowed(Mechanism.CURVE));
            assertTrue(stats.temporaryFailures() >= 1, stats.toJson());  // the client retries after a 300
            assertEquals(2 + stats.temporaryFailures(), stats.denied(Mechanism.CURVE), stats.toJson());
        }
    }

    @Test
    void libzmqRefusesAWrongServerKeyAndAPlaintextClientBeforeAskingZap() {
        try (Authenticator auth = Authenticator.start(zmq.context(), Policy.create().curveAnyClient())) {
            Consumer<Socket> wrongServerKey = client -> {
                curveClient(Curve.keypair()).accept(client);
                client.set(SocketOption.CURVE_SERVERKEY, Curve.keypair().publicKey());
            };
            Handshake.attempt(zmq, curveServer(), wrongServerKey).assertRefused(MonitorEvent.Type.HANDSHAKE_FAILED_PROTOCOL);
            Handshake.attempt(zmq, curveServer(), client -> {}).assertRefused(Handshake.MECHANISM_MISMATCH);
            Handshake.attempt(zmq, curveServer(), plainClient("admin", "secret")).assertRefused(Handshake.MECHANISM_MISMATCH);
            assertEquals(0, auth.statistics().denied(Mechanism.CURVE) + auth.statistics().allowed(Mechanism.CURVE));
        }
    }

    @Test
    void eachDomainHasItsOwnPolicyAndTheRestTheDefault() {
        try (Authenticator auth = Authenticator.start(zmq.context(), Policy.create().plainPasswords(Map.of("bob", "b")))) {
            auth.configure("admin", Policy.create().plainPasswords(Map.of("root", "r")));
            Consumer<Socket> adminServer = plainServer().andThen(domain("admin"));
            Consumer<Socket> otherServer = plainServer().andThen(domain("other"));
            Handshake.attempt(zmq, adminServer, plainClient("root", "r")).assertAllowed();
            Handshake.attempt(zmq, adminServer, plainClient("bob", "b")).assertRefusedByZap(400);
            Handshake.attempt(zmq, otherServer, plainClient("bob", "b")).assertAllowed();
            Handshake.attempt(zmq, plainServer(), plainClient("root", "r")).assertRefusedByZap(400);
            assertTrue(auth.policy("admin").toString().contains("1 user(s)"), auth.policy("admin").toString());
        }
    }

    @Test
    void oneAuthenticatorPerContextAndItStopsWithTheContext() throws Exception {
        Context context = new Context();
        Authenticator first = Authenticator.start(context);
        IllegalStateException twice = assertThrows(IllegalStateException.class, () -> Authenticator.start(context));
        assertTrue(twice.getMessage().contains("already has a ZAP handler"), twice.getMessage());
        first.close();
        assertFalse(first.isRunning());
        Authenticator second = Authenticator.start(context);
        assertTrue(second.isRunning());
        context.close();
        for (int i = 0; i < 100 && second.isRunning(); i++) {
            Thread.sleep(10);
        }
        assertFalse(second.isRunning(), "the handler outlived its context");
        assertEquals(0, context.openSockets());
        second.close();  // nothing left to do, and no error
    }

    @Test
    void closeWorksFromAnyThread() throws Exception {
        Authenticator auth = Authenticator.start(zmq.context());
        Thread closer = Thread.ofPlatform().start(auth::close);
        closer.join(10_000);
        assertFalse(closer.isAlive());
        assertFalse(auth.isRunning());
    }

    private static Consumer<Socket> domain(String domain) {
        return socket -> socket.set(SocketOption.ZAP_DOMAIN, domain);
    }

    private static Consumer<Socket> plainServer() {
        return socket -> socket.set(SocketOption.PLAIN_SERVER, true);
    }

    private static Consumer<Socket> plainClient(String user, String password) {
        return socket -> {
            socket.set(SocketOption.PLAIN_USERNAME, user);
            socket.set(SocketOption.PLAIN_PASSWORD, password);
        };
    }

    private Consumer<Socket> curveServer() {
        return socket -> {
            socket.set(SocketOption.CURVE_SERVER, true);
            socket.set(SocketOption.CURVE_SECRETKEY, serverKeys.secretKey());
        };
    }

    private Consumer<Socket> curveClient(Certificate certificate) {
        return socket -> {
            certificate.apply(socket);
            socket.set(SocketOption.CURVE_SERVERKEY, serverKeys.publicKey());
        };
    }

    private Consumer<Socket> curveClient(Curve.KeyPair keys) {
        return socket -> {
            socket.set(SocketOption.CURVE_SERVERKEY, serverKeys.publicKey());
            socket.set(SocketOption.CURVE_PUBLICKEY, keys.publicKey());
            socket.set(SocketOption.CURVE_SECRETKEY, keys.secretKey());
        };
    }
}
