package io.github.zmqffm.safety;

import io.github.zmqffm.Context;
import io.github.zmqffm.Socket;
import io.github.zmqffm.SocketOption;
import io.github.zmqffm.SocketType;
import io.github.zmqffm.auth.Authenticator;
import io.github.zmqffm.auth.Policy;

import java.time.Duration;
import java.util.Map;

import static io.github.zmqffm.safety.Scenarios.check;
import static io.github.zmqffm.safety.Scenarios.expect;

/**
 * Configurations libzmq accepts and then aborts the process on, at the first handshake: refused up front. Each
 * scenario ends with a real PLAIN handshake, which is where libzmq would abort.
 */
public final class AbortScenarios {

    private AbortScenarios() {}

    @Scenario
    public static void onlyAReplySocketMayBeTheZapHandler() throws Exception {
        try (Context context = new Context(); Socket pair = context.socket(SocketType.PAIR)) {
            expect(IllegalArgumentException.class, () -> pair.bind("inproc://zeromq.zap.01"));
            plainHandshake(context, false);
        }
    }

    @Scenario
    public static void aPlainServerEnforcingZapNeedsADomain() throws Exception {
        try (Context context = new Context()) {
            plainHandshake(context, true);
        }
    }

    /** A PLAIN server and client over tcp, with a real ZAP handler; with {@code enforce}, the bind is refused. */
    private static void plainHandshake(Context context, boolean enforce) {
        try (Authenticator zap = Authenticator.start(context, Policy.create().plainPasswords(Map.of("user", "password")));
             Socket server = Scenarios.socket(context, SocketType.PULL, Duration.ofSeconds(5));
             Socket client = Scenarios.socket(context, SocketType.PUSH, Duration.ofSeconds(5))) {
            server.set(SocketOption.PLAIN_SERVER, true);
            if (enforce) {
                server.set(SocketOption.ZAP_ENFORCE_DOMAIN, true);
                expect(IllegalStateException.class, () -> server.bind("tcp://127.0.0.1:*"));
                server.set(SocketOption.ZAP_ENFORCE_DOMAIN, false);
            }
            server.set(SocketOption.ZAP_DOMAIN, "global");
            String endpoint = server.bind("tcp://127.0.0.1:*");
            client.set(SocketOption.PLAIN_USERNAME, "user");
            client.set(SocketOption.PLAIN_PASSWORD, "password");
            client.connect(endpoint);
            client.send("after the handshake");
            check("after the handshake".equals(server.recvString()), "the PLAIN connection failed");
        }
    }
}
