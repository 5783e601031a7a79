package io.github.zmqffm.auth;

import io.github.zmqffm.Curve;
import io.github.zmqffm.MonitorEvent;
import io.github.zmqffm.Socket;
import io.github.zmqffm.SocketOption;
import io.github.zmqffm.SocketType;
import io.github.zmqffm.TestContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What libzmq 4.3.4 does when no ZAP handler answers, as the {@link Authenticator} documents it: the facts a
 * deployment must know before it relies on authentication.
 */
class ZapAbsenceTest {

    @RegisterExtension
    final TestContext zmq = new TestContext();

    private final Curve.KeyPair serverKeys = Curve.keypair();

    @Test
    void withoutAHandlerPlainIsRefusedButCurveAndNullAreNot() {
        Handshake.attempt(zmq, plainServer(), plainClient()).assertRefused(MonitorEvent.Type.HANDSHAKE_FAILED_NO_DETAIL);
        Handshake.attempt(zmq, curveServer(), curveClient()).assertAllowed();
        Handshake.attempt(zmq, domain("global"), client -> {}).assertAllowed();
    }

    @Test
    void aClosedAuthenticatorIsTheSameAsNone() {
        Authenticator auth = Authenticator.start(zmq.context());  // denies every CURVE client while it runs
        Handshake.attempt(zmq, curveServer(), curveClient()).assertRefusedByZap(400);
        auth.close();
        Handshake.attempt(zmq, curveServer(), curveClient()).assertAllowed();
    }

    @Test
    void zapEnforceDomainWithADomainFailsClosed() {
        Consumer<Socket> enforced = domain("global").andThen(socket -> socket.set(SocketOption.ZAP_ENFORCE_DOMAIN, true));
        Handshake.attempt(zmq, curveServer().andThen(enforced), curveClient())
                .assertRefused(MonitorEvent.Type.HANDSHAKE_FAILED_NO_DETAIL);
        Handshake.attempt(zmq, enforced, client -> {}).assertRefused(MonitorEvent.Type.HANDSHAKE_FAILED_NO_DETAIL);
    }

    @Test
    void zapEnforceDomainWithoutADomainMakesCurveSkipZap() {
        try (Authenticator auth = Authenticator.start(zmq.context())) {
            Consumer<Socket> enforcedWithoutDomain = socket -> socket.set(SocketOption.ZAP_ENFORCE_DOMAIN, true);
            Handshake.attempt(zmq, curveServer().andThen(enforcedWithoutDomain), curveClient()).assertAllowed();
            assertEquals(0, auth.statistics().denied(Mechanism.CURVE), "ZAP was asked");
        }
    }

    @Test
    void aHandlerThatNeverAnswersHoldsTheHandshakeUntilHandshakeIvl() {
        try (Socket silent = zmq.socket(SocketType.REP)) {
            silent.bind(Authenticator.ZAP_ENDPOINT);
            Consumer<Socket> server = curveServer().andThen(socket -> socket.set(SocketOption.HANDSHAKE_IVL, 300));
            Handshake.attempt(zmq, server, curveClient()).assertRefused(MonitorEvent.Type.HANDSHAKE_FAILED_NO_DETAIL);
        }
    }

    private static Consumer<Socket> domain(String domain) {
        return socket -> socket.set(SocketOption.ZAP_DOMAIN, domain);
    }

    private static Consumer<Socket> plainServer() {
        return socket -> socket.set(SocketOption.PLAIN_SERVER, true);
    }

    private static Consumer<Socket> plainClient() {
        return socket -> {
            socket.set(SocketOption.PLAIN_USERNAME, "admin");
            socket.set(SocketOption.PLAIN_PASSWORD, "secret");
        };
    }

    private Consumer<Socket> curveServer() {
        return socket -> {
            socket.set(SocketOption.CURVE_SERVER, true);
            socket.set(SocketOption.CURVE_SECRETKEY, serverKeys.secretKey());
        };
    }

    private Consumer<Socket> curveClient() {
        return socket -> {
            Curve.KeyPair keys = Curve.keypair();
            socket.set(SocketOption.CURVE_SERVERKEY, serverKeys.publicKey());
            socket.set(SocketOption.CURVE_PUBLICKEY, keys.publicKey());
            socket.set(SocketOption.CURVE_SECRETKEY, keys.secretKey());
        };
    }
}
