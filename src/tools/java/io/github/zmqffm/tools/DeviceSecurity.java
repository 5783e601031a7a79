package io.github.zmqffm.tools;

import io.github.zmqffm.Curve;
import io.github.zmqffm.Socket;
import io.github.zmqffm.SocketOption;
import io.github.zmqffm.ZmqException;
import io.github.zmqffm.auth.Policy;
import io.github.zmqffm.proxy.Endpoint;
import picocli.CommandLine;
import picocli.CommandLine.Option;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The security options of {@code zmqffm device} (a picocli mixin): CURVE or PLAIN on frontend and backend, the
 * ZAP policy (client certificates, passwords, IP allow and deny lists) and the largest message a peer may send.
 */
final class DeviceSecurity {

    /** The ZAP_DOMAIN of the device's sockets when it authenticates (its policy is the authenticator's default). */
    static final String ZAP_DOMAIN = "zmqffm-device";
    /** ZMQ_MAXMSGSIZE given to a socket with a network endpoint unless --max-message-size says otherwise. */
    static final long DEFAULT_MAX_MESSAGE_SIZE = 16L << 20;

    @Option(names = "--curve-server-secret", paramLabel = "FILE",
            description = "make frontend and backend CURVE servers with this secret key (40 Z85 characters, or a "
                    + "czmq certificate with secret-key = \"...\"); clients need the public key it prints. "
                    + "Without --curve-clients any client that knows the key is accepted")
    private Path curveSecret;

    @Option(names = "--curve-clients", paramLabel = "DIR",
            description = "accept only CURVE clients with a certificate (NAME.key) in DIR, read again whenever DIR "
                    + "changes; needs --curve-server-secret")
    private Path curveClients;

    @Option(names = "--plain-passwords", paramLabel = "FILE",
            description = "make frontend and backend PLAIN servers that accept the name=password lines of FILE, "
                    + "read again whenever it changes")
    private Path plainPasswords;

    @Option(names = "--allow", paramLabel = "IP",
            description = "accept peers from this address only (repeatable); every other address is refused")
    private List<String> allow = new ArrayList<>();

    @Option(names = "--deny", paramLabel = "IP", description = "refuse peers from this address (repeatable; ignored with --allow)")
    private List<String> deny = new ArrayList<>();

    @Option(names = "--max-message-size", paramLabel = "SIZE", converter = CliValues.Sizes.class,
            description = "ZMQ_MAXMSGSIZE of frontend and backend: the largest frame a peer may send before it is "
                    + "disconnected (e.g. 64KiB, 16MiB, none). Default: 16MiB on a socket with a network (not ipc or "
                    + "inproc) endpoint, none otherwise")
    private Long maxMessageSize;

    /** What the options amount to, checked before any socket exists. */
    record Setup(String curvePublicKey, Policy policy, String secret, boolean plain, Long maxMessageSize) {

        /** The options of a frontend or backend socket at {@code endpoints}. */
        Consumer<Socket> socketOptions(List<Endpoint> endpoints) {
            long limit = maxMessageSizeFor(endpoints);
            return socket -> {
                if (policy != null) {
                    socket.set(SocketOption.ZAP_DOMAIN, ZAP_DOMAIN);
                    enforceDomain(socket);
                }
                if (secret != null) {
                    socket.set(SocketOption.CURVE_SERVER, true);
                    socket.set(SocketOption.CURVE_SECRETKEY, secret);
                }
                if (plain) {
                    socket.set(SocketOption.PLAIN_SERVER, true);
                }
                socket.set(SocketOption.MAXMSGSIZE, limit);
            };
        }

        /** Never shows the secret key. */
        @Override
        public String toString() {
            return "Setup[curvePublicKey=" + curvePublicKey + ", policy=" + policy + ", plain=" + plain
                    + ", maxMessageSize=" + maxMessageSize + "]";
        }

        /** The ZMQ_MAXMSGSIZE a socket at {@code endpoints} gets (-1: none). */
        long maxMessageSizeFor(List<Endpoint> endpoints) {
            return maxMessageSize != null ? maxMessageSize : hasNetworkEndpoint(endpoints) ? DEFAULT_MAX_MESSAGE_SIZE : -1;
        }
    }

    /** Reads the key and password files and checks the combination; a problem is a usage error (exit 2). */
    Setup setup(CommandLine commandLine) {
        if (curveClients != null && curveSecret == null) {
            throw new CommandLine.ParameterException(commandLine, "--curve-clients needs --curve-server-secret");
        }
        if (plainPasswords != null && curveSecret != null) {
            throw new CommandLine.ParameterException(commandLine,
                    "--plain-passwords and --curve-server-secret exclude each other (a socket has one mechanism)");
        }
        String secret = curveSecret == null ? null : CurveSecretFile.read(commandLine, curveSecret);
        Policy policy = null;
        if (curveClients != null || plainPasswords != null || !allow.isEmpty() || !deny.isEmpty()) {
            try {
                policy = Policy.create().allow(allow.toArray(String[]::new)).deny(deny.toArray(String[]::new));
                if (secret != null) {
                    policy = curveClients != null ? policy.curveCertificates(curveClients) : policy.curveAnyClient();
                }
                if (plainPasswords != null) {
                    policy = policy.plainPasswordFile(plainPasswords);
                }
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(commandLine, (allow.isEmpty() && deny.isEmpty() ? "" : "--allow/--deny: ")
                        + e.getMessage());
            } catch (UncheckedIOException e) {
                throw new CommandLine.ParameterException(commandLine, e.getMessage() + " (" + e.getCause().getClass().getSimpleName() + ")");
            }
        }
        return new Setup(secret == null ? null : Curve.publicKey(secret), policy, secret, plainPasswords != null, maxMessageSize);
    }

    // Fail closed: with a domain set, libzmq then refuses clients whenever no ZAP handler answers (the draft
    // option may be missing from a system libzmq; the authenticator runs for the device's whole life anyway).
    private static void enforceDomain(Socket socket) {
        try {
            socket.set(SocketOption.ZAP_ENFORCE_DOMAIN, true);
        } catch (ZmqException notInThisLibzmq) {
            // a libzmq without draft options
        }
    }

    private static boolean hasNetworkEndpoint(List<Endpoint> endpoints) {
        for (Endpoint endpoint : endpoints) {
            if (!endpoint.address().startsWith("ipc://") && !endpoint.address().startsWith("inproc://")) {
                return true;
            }
        }
        return false;
    }
}
