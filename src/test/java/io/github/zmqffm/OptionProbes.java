package io.github.zmqffm;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Predicate;

import static io.github.zmqffm.SocketType.DEALER;
import static io.github.zmqffm.SocketType.PAIR;
import static io.github.zmqffm.SocketType.PUB;
import static io.github.zmqffm.SocketType.PULL;
import static io.github.zmqffm.SocketType.REQ;
import static io.github.zmqffm.SocketType.ROUTER;
import static io.github.zmqffm.SocketType.STREAM;
import static io.github.zmqffm.SocketType.SUB;
import static io.github.zmqffm.SocketType.XPUB;
import static java.util.Map.entry;

/**
 * What every socket option does on this build of libzmq, for {@link SocketOptionTest}: the socket type to try
 * it on and either a value to set (read back equal where readable, so values differ from the defaults), what
 * a read-only option reads on a fresh socket, or the errno of a feature this build leaves out.
 */
final class OptionProbes {

    /** One option's expected behaviour. */
    record Probe(SocketType type, Object value, Predicate<Object> read, Errno error) {}

    private static final Curve.KeyPair KEYS = Curve.keypair();

    private OptionProbes() {}

    private static <T> Map.Entry<SocketOption<?>, Probe> set(SocketOption<T> option, SocketType type, T value) {
        return entry(option, new Probe(type, value, null, null));
    }

    private static <T> Map.Entry<SocketOption<?>, Probe> set(SocketOption<T> option, T value) {
        return set(option, DEALER, value);
    }

    private static <T> Map.Entry<SocketOption<?>, Probe> read(SocketOption<T> option, SocketType type,
                                                              Predicate<T> check) {
        @SuppressWarnings("unchecked")
        Predicate<Object> untyped = value -> check.test((T) value);
        return entry(option, new Probe(type, null, untyped, null));
    }

    /** Not built here: every get and set fails with {@code errno}. */
    private static <T> Map.Entry<SocketOption<?>, Probe> missing(SocketOption<T> option, T value, Errno errno) {
        return entry(option, new Probe(DEALER, value, null, errno));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** The probe for each option of {@link SocketOption#all()}. */
    static final Map<SocketOption<?>, Probe> PROBES = Map.ofEntries(
            set(SocketOption.AFFINITY, 3L),
            set(SocketOption.ROUTING_ID, bytes("id-1")),
            set(SocketOption.SUBSCRIBE, SUB, bytes("topic")),
            set(SocketOption.UNSUBSCRIBE, SUB, bytes("topic")),
            set(SocketOption.RATE, PUB, 200),
            set(SocketOption.RECOVERY_IVL, PUB, 5000),
            set(SocketOption.SNDBUF, 65536),
            set(SocketOption.RCVBUF, 131072),
            read(SocketOption.RCVMORE, PAIR, more -> !more),
            read(SocketOption.FD, PAIR, fd -> fd >= 0),
            read(SocketOption.EVENTS, PAIR, events -> events == 0),
            read(SocketOption.TYPE, ROUTER, type -> type == ROUTER.value()),
            set(SocketOption.LINGER, 250),
            set(SocketOption.RECONNECT_IVL, 250),
            set(SocketOption.BACKLOG, 10),
            set(SocketOption.RECONNECT_IVL_MAX, 2000),
            set(SocketOption.MAXMSGSIZE, 1L << 20),
            set(SocketOption.SNDHWM, 10),
            set(SocketOption.RCVHWM, 20),
            set(SocketOption.MULTICAST_HOPS, PUB, 4),
            set(SocketOption.RCVTIMEO, 123),
            set(SocketOption.SNDTIMEO, 321),
            read(SocketOption.LAST_ENDPOINT, PAIR, String::isEmpty),
            set(SocketOption.ROUTER_MANDATORY, ROUTER, true),
            set(SocketOption.TCP_KEEPALIVE, 1),
            set(SocketOption.TCP_KEEPALIVE_CNT, 5),
            set(SocketOption.TCP_KEEPALIVE_IDLE, 30),
            set(SocketOption.TCP_KEEPALIVE_INTVL, 10),
            set(SocketOption.IMMEDIATE, true),
            set(SocketOption.XPUB_VERBOSE, XPUB, true),
            set(SocketOption.ROUTER_RAW, ROUTER, true),
            set(SocketOption.IPV6, true),
            read(SocketOption.MECHANISM, PAIR, mechanism -> mechanism == 0),
            set(SocketOption.PLAIN_SERVER, true),
            set(SocketOption.PLAIN_USERNAME, "user"),
            set(SocketOption.PLAIN_PASSWORD, "secret"),
            set(SocketOption.CURVE_SERVER, true),
            set(SocketOption.CURVE_PUBLICKEY, KEYS.publicKey()),
            set(SocketOption.CURVE_SECRETKEY, KEYS.secretKey()),
            set(SocketOption.CURVE_SERVERKEY, KEYS.publicKey()),
            set(SocketOption.PROBE_ROUTER, true),
            set(SocketOption.REQ_CORRELATE, REQ, true),
            set(SocketOption.REQ_RELAXED, REQ, true),
            set(SocketOption.CONFLATE, PULL, true),
            set(SocketOption.ZAP_DOMAIN, "global"),
            set(SocketOption.ROUTER_HANDOVER, ROUTER, true),
            set(SocketOption.TOS, 8),
            set(SocketOption.CONNECT_ROUTING_ID, ROUTER, bytes("peer-1")),
            missing(SocketOption.GSSAPI_SERVER, true, Errno.EINVAL),
            missing(SocketOption.GSSAPI_PRINCIPAL, "principal", Errno.EINVAL),
            missing(SocketOption.GSSAPI_SERVICE_PRINCIPAL, "service", Errno.EINVAL),
            missing(SocketOption.GSSAPI_PLAINTEXT, true, Errno.EINVAL),
            set(SocketOption.HANDSHAKE_IVL, 5000),
            set(SocketOption.SOCKS_PROXY, "127.0.0.1:1080"),
            set(SocketOption.XPUB_NODROP, XPUB, true),
            set(SocketOption.XPUB_MANUAL, XPUB, true),
            set(SocketOption.XPUB_WELCOME_MSG, XPUB, bytes("welcome")),
            set(SocketOption.STREAM_NOTIFY, STREAM, false),
            set(SocketOption.INVERT_MATCHING, SUB, true),
            set(SocketOption.HEARTBEAT_IVL, 1000),
            set(SocketOption.HEARTBEAT_TTL, 3000),
            set(SocketOption.HEARTBEAT_TIMEOUT, 2500),
            set(SocketOption.XPUB_VERBOSER, XPUB, true),
            set(SocketOption.CONNECT_TIMEOUT, 1500),
            set(SocketOption.TCP_MAXRT, 4000),
            read(SocketOption.THREAD_SAFE, PAIR, safe -> !safe),
            set(SocketOption.MULTICAST_MAXTPDU, PUB, 1400),
            missing(SocketOption.VMCI_BUFFER_SIZE, 4096L, Errno.EINVAL),
            missing(SocketOption.VMCI_BUFFER_MIN_SIZE, 4096L, Errno.EINVAL),
            missing(SocketOption.VMCI_BUFFER_MAX_SIZE, 4096L, Errno.EINVAL),
            missing(SocketOption.VMCI_CONNECT_TIMEOUT, 1000, Errno.EINVAL),
            set(SocketOption.USE_FD, OsSocket.loopback(OsSocket.SOCK_STREAM, true)), // it must be listening
            missing(SocketOption.GSSAPI_PRINCIPAL_NAMETYPE, 0, Errno.EINVAL),
            missing(SocketOption.GSSAPI_SERVICE_PRINCIPAL_NAMETYPE, 0, Errno.EINVAL),
            set(SocketOption.BINDTODEVICE, "lo"),
            set(SocketOption.TCP_ACCEPT_FILTER, ROUTER, "127.0.0.1"),
            set(SocketOption.IPC_FILTER_PID, ROUTER, 1),
            set(SocketOption.IPC_FILTER_UID, ROUTER, 0),
            set(SocketOption.IPC_FILTER_GID, ROUTER, 0),
            set(SocketOption.IPV4ONLY, false),
            set(SocketOption.ZAP_ENFORCE_DOMAIN, true),
            set(SocketOption.LOOPBACK_FASTPATH, true),
            set(SocketOption.METADATA, "X-app:test"),
            set(SocketOption.MULTICAST_LOOP, false),
            set(SocketOption.ROUTER_NOTIFY, ROUTER, 3),
            set(SocketOption.XPUB_MANUAL_LAST_VALUE, XPUB, true),
            set(SocketOption.SOCKS_USERNAME, "user"),
            set(SocketOption.SOCKS_PASSWORD, "secret"),
            set(SocketOption.IN_BATCH_SIZE, 4096),
            set(SocketOption.OUT_BATCH_SIZE, 4096),
            missing(SocketOption.WSS_KEY_PEM, "key", Errno.EINVAL),
            missing(SocketOption.WSS_CERT_PEM, "cert", Errno.EINVAL),
            missing(SocketOption.WSS_TRUST_PEM, "trust", Errno.EINVAL),
            missing(SocketOption.WSS_HOSTNAME, "localhost", Errno.EINVAL),
            missing(SocketOption.WSS_TRUST_SYSTEM, true, Errno.EINVAL),
            set(SocketOption.ONLY_FIRST_SUBSCRIBE, XPUB, true),
            set(SocketOption.RECONNECT_STOP, 1),
            set(SocketOption.HELLO_MSG, bytes("hello")),
            set(SocketOption.DISCONNECT_MSG, ROUTER, bytes("bye")),
            set(SocketOption.PRIORITY, 3));
}
