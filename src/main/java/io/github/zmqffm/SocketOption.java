package io.github.zmqffm;

import java.util.ArrayList;
import java.util.List;

import static io.github.zmqffm.SocketOption.Access.GET;
import static io.github.zmqffm.SocketOption.Access.GET_SET;
import static io.github.zmqffm.SocketOption.Access.SET;
import static io.github.zmqffm.lib.zmq_h.*;

/**
 * A libzmq socket option with its C representation and the access libzmq allows, used with
 * {@link Socket#get(SocketOption)} and {@link Socket#set(SocketOption, Object)}.
 *
 * <p>The constants cover every socket option of libzmq 4.3.4's {@code zmq.h}, drafts included ({@link #all()}),
 * named as in C without {@code ZMQ_}. The access is what libzmq's code allows, sometimes more than its manual
 * says. Options only some socket types take (ROUTER_*, XPUB_*, REQ_*...) fail with EINVAL on others, and so do
 * those of features this libzmq is built without (GSSAPI_*, VMCI_*, WSS_*). ZMQ_BLOCKY, listed among the socket
 * options in {@code zmq.h}, is a {@link ContextOption}.
 *
 * @param <T> the Java type of the value: {@code Integer}, {@code Long}, {@code Boolean}, {@code byte[]} or
 *            {@code String}
 */
public final class SocketOption<T> {

    /** How the value is represented in C. */
    public enum Kind {
        /** {@code int}. */ INT,
        /** {@code int64_t}. */ INT64,
        /** {@code uint64_t} (carried in a Java {@code long}). */ UINT64,
        /** {@code int} that is 0 or 1. */ BOOL,
        /** binary data. */ BYTES,
        /** a NUL-terminated string when read; characters (no NUL) when written. */ STRING,
        /** the platform's socket descriptor ({@code int}; {@code SOCKET} on Windows), as a Java {@code int}. */ FD
    }

    /** What libzmq allows. */
    public enum Access {
        /** {@code zmq_getsockopt} only. */ GET,
        /** {@code zmq_setsockopt} only. */ SET,
        /** both. */ GET_SET
    }

    /** Every option, in {@code zmq.h} order; filled by the factories below, so it must come first. */
    private static final List<SocketOption<?>> TABLE = new ArrayList<>();
    /** Each connection mallocs about 2.2 times the batch size, and libzmq aborts when that fails. */
    private static final OptionCheck BATCH_SIZE =
            range(1, 16 << 20, "each connection allocates ~2.2x this and aborts if it cannot");

    // Stable socket options (zmq.h "Socket options").
    /** ZMQ_AFFINITY: I/O thread affinity of new connections, a bitmask of I/O threads (0: any). */
    public static final SocketOption<Long> AFFINITY = uint64("AFFINITY", ZMQ_AFFINITY(), GET_SET);
    /** ZMQ_ROUTING_ID: this socket's identity as ROUTER peers see it (1..255 bytes). */
    public static final SocketOption<byte[]> ROUTING_ID = bytes("ROUTING_ID", ZMQ_ROUTING_ID(), GET_SET);
    /** ZMQ_SUBSCRIBE: add a topic prefix filter on SUB (empty: all); with XPUB_MANUAL, accept a subscription. */
    public static final SocketOption<byte[]> SUBSCRIBE = bytes("SUBSCRIBE", ZMQ_SUBSCRIBE(), SET);
    /** ZMQ_UNSUBSCRIBE: remove a topic filter added by SUBSCRIBE. */
    public static final SocketOption<byte[]> UNSUBSCRIBE = bytes("UNSUBSCRIBE", ZMQ_UNSUBSCRIBE(), SET);
    /** ZMQ_RATE: multicast data rate in kbit/s (PGM/NORM, not built here; the value is still stored). */
    public static final SocketOption<Integer> RATE = integer("RATE", ZMQ_RATE(), GET_SET);
    /** ZMQ_RECOVERY_IVL: multicast recovery interval in ms. */
    public static final SocketOption<Integer> RECOVERY_IVL = integer("RECOVERY_IVL", ZMQ_RECOVERY_IVL(), GET_SET);
    /** ZMQ_SNDBUF: kernel send buffer size in bytes (-1: the OS default). */
    public static final SocketOption<Integer> SNDBUF = integer("SNDBUF", ZMQ_SNDBUF(), GET_SET);
    /** ZMQ_RCVBUF: kernel receive buffer size in bytes (-1: the OS default). */
    public static final SocketOption<Integer> RCVBUF = integer("RCVBUF", ZMQ_RCVBUF(), GET_SET);
    /** ZMQ_RCVMORE: whether more frames of the last received message follow. */
    public static final SocketOption<Boolean> RCVMORE = bool("RCVMORE", ZMQ_RCVMORE(), GET);
    /** ZMQ_FD: a file descriptor readable when EVENTS may have changed; EINVAL on thread-safe types. */
    public static final SocketOption<Integer> FD = add("FD", ZMQ_FD(), Kind.FD, GET, false, Integer.class);
    /** ZMQ_EVENTS: the events the socket is ready for now, {@link Poller#POLLIN} and/or {@link Poller#POLLOUT}. */
    public static final SocketOption<Integer> EVENTS = integer("EVENTS", ZMQ_EVENTS(), GET);
    /** ZMQ_TYPE: the socket type's C value (see {@link SocketType#of}). */
    public static final SocketOption<Integer> TYPE = integer("TYPE", ZMQ_TYPE(), GET);
    /** ZMQ_LINGER: how long (ms) pending messages linger after close; -1 forever, 0 drop. */
    public static final SocketOption<Integer> LINGER = integer("LINGER", ZMQ_LINGER(), GET_SET);
    /** ZMQ_RECONNECT_IVL: initial reconnection interval in ms (-1: no reconnection). */
    public static final SocketOption<Integer> RECONNECT_IVL = integer("RECONNECT_IVL", ZMQ_RECONNECT_IVL(), GET_SET);
    /** ZMQ_BACKLOG: maximum length of the queue of pending connections. */
    public static final SocketOption<Integer> BACKLOG = integer("BACKLOG", ZMQ_BACKLOG(), GET_SET);
    /** ZMQ_RECONNECT_IVL_MAX: maximum reconnection interval in ms for exponential back-off (0: RECONNECT_IVL only). */
    public static final SocketOption<Integer> RECONNECT_IVL_MAX =
            integer("RECONNECT_IVL_MAX", ZMQ_RECONNECT_IVL_MAX(), GET_SET);
    /** ZMQ_MAXMSGSIZE: largest inbound message accepted, -1 unlimited. */
    public static final SocketOption<Long> MAXMSGSIZE =
            add("MAXMSGSIZE", ZMQ_MAXMSGSIZE(), Kind.INT64, GET_SET, false, Long.class);
    /** ZMQ_SNDHWM: high-water mark of outbound messages (0: no limit). */
    public static final SocketOption<Integer> SNDHWM = integer("SNDHWM", ZMQ_SNDHWM(), GET_SET);
    /** ZMQ_RCVHWM: high-water mark of inbound messages (0: no limit). */
    public static final SocketOption<Integer> RCVHWM = integer("RCVHWM", ZMQ_RCVHWM(), GET_SET);
    /** ZMQ_MULTICAST_HOPS: time-to-live of multicast packets (hops). */
    public static final SocketOption<Integer> MULTICAST_HOPS = checked(
            integer("MULTICAST_HOPS", ZMQ_MULTICAST_HOPS(), GET_SET), range(1, 255, "IP_MULTICAST_TTL"));
    /** ZMQ_RCVTIMEO: receive timeout in ms; -1 blocks forever. */
    public static final SocketOption<Integer> RCVTIMEO = integer("RCVTIMEO", ZMQ_RCVTIMEO(), GET_SET);
    /** ZMQ_SNDTIMEO: send timeout in ms; -1 blocks forever. */
    public static final SocketOption<Integer> SNDTIMEO = integer("SNDTIMEO", ZMQ_SNDTIMEO(), GET_SET);
    /** ZMQ_LAST_ENDPOINT: the endpoint last bound or connected, with the real port of a wildcard bind. */
    public static final SocketOption<String> LAST_ENDPOINT = string("LAST_ENDPOINT", ZMQ_LAST_ENDPOINT(), GET);
    /** ZMQ_ROUTER_MANDATORY: ROUTER: unroutable messages fail with EHOSTUNREACH instead of being dropped. */
    public static final SocketOption<Boolean> ROUTER_MANDATORY = bool("ROUTER_MANDATORY", ZMQ_ROUTER_MANDATORY(), SET);
    /** ZMQ_TCP_KEEPALIVE: SO_KEEPALIVE: -1 the OS default, 0 off, 1 on. */
    public static final SocketOption<Integer> TCP_KEEPALIVE = integer("TCP_KEEPALIVE", ZMQ_TCP_KEEPALIVE(), GET_SET);
    /** ZMQ_TCP_KEEPALIVE_CNT: TCP_KEEPCNT, 1..127 (-1: the OS default). */
    public static final SocketOption<Integer> TCP_KEEPALIVE_CNT = checked(
            integer("TCP_KEEPALIVE_CNT", ZMQ_TCP_KEEPALIVE_CNT(), GET_SET), rangeOrDefault(1, 127, "Linux's TCP_KEEPCNT"));
    /** ZMQ_TCP_KEEPALIVE_IDLE: TCP_KEEPIDLE in s, 1..32767 (-1: the OS default). */
    public static final SocketOption<Integer> TCP_KEEPALIVE_IDLE = checked(
            integer("TCP_KEEPALIVE_IDLE", ZMQ_TCP_KEEPALIVE_IDLE(), GET_SET),
            rangeOrDefault(1, 32767, "Linux's TCP_KEEPIDLE, in seconds"));
    /** ZMQ_TCP_KEEPALIVE_INTVL: TCP_KEEPINTVL in s, 1..32767 (-1: the OS default). */
    public static final SocketOption<Integer> TCP_KEEPALIVE_INTVL = checked(
            integer("TCP_KEEPALIVE_INTVL", ZMQ_TCP_KEEPALIVE_INTVL(), GET_SET),
            rangeOrDefault(1, 32767, "Linux's TCP_KEEPINTVL, in seconds"));
    /** ZMQ_IMMEDIATE: queue messages only to completed connections. */
    public static final SocketOption<Boolean> IMMEDIATE = bool("IMMEDIATE", ZMQ_IMMEDIATE(), GET_SET);
    /** ZMQ_XPUB_VERBOSE: XPUB: pass on every subscription message, not only new ones. */
    public static final SocketOption<Boolean> XPUB_VERBOSE = bool("XPUB_VERBOSE", ZMQ_XPUB_VERBOSE(), SET);
    /** ZMQ_ROUTER_RAW: ROUTER: raw TCP mode without ZMTP framing (prefer STREAM). */
    public static final SocketOption<Boolean> ROUTER_RAW = bool("ROUTER_RAW", ZMQ_ROUTER_RAW(), SET);
    /** ZMQ_IPV6: use IPv6 (dual stack) for tcp endpoints. */
    public static final SocketOption<Boolean> IPV6 = bool("IPV6", ZMQ_IPV6(), GET_SET);
    /** ZMQ_MECHANISM: the security mechanism: 0 NULL, 1 PLAIN, 2 CURVE, 3 GSSAPI. */
    public static final SocketOption<Integer> MECHANISM = integer("MECHANISM", ZMQ_MECHANISM(), GET);
    /** ZMQ_PLAIN_SERVER: act as the PLAIN server. */
    public static final SocketOption<Boolean> PLAIN_SERVER = bool("PLAIN_SERVER", ZMQ_PLAIN_SERVER(), GET_SET);
    /** ZMQ_PLAIN_USERNAME: the PLAIN client's user name (1..255 bytes). */
    public static final SocketOption<String> PLAIN_USERNAME = string("PLAIN_USERNAME", ZMQ_PLAIN_USERNAME(), GET_SET);
    /** ZMQ_PLAIN_PASSWORD: the PLAIN client's password (1..255 bytes). */
    public static final SocketOption<String> PLAIN_PASSWORD = string("PLAIN_PASSWORD", ZMQ_PLAIN_PASSWORD(), GET_SET);
    /** ZMQ_CURVE_SERVER: act as the CURVE server (needs CURVE_SECRETKEY). */
    public static final SocketOption<Boolean> CURVE_SERVER = bool("CURVE_SERVER", ZMQ_CURVE_SERVER(), GET_SET);
    /** ZMQ_CURVE_PUBLICKEY: this socket's long-term public key (Z85, 40 characters). */
    public static final SocketOption<String> CURVE_PUBLICKEY =
            string("CURVE_PUBLICKEY", ZMQ_CURVE_PUBLICKEY(), GET_SET);
    /** ZMQ_CURVE_SECRETKEY: this socket's long-term secret key (Z85). */
    public static final SocketOption<String> CURVE_SECRETKEY =
            string("CURVE_SECRETKEY", ZMQ_CURVE_SECRETKEY(), GET_SET);
    /** ZMQ_CURVE_SERVERKEY: the server's public key, set on a CURVE client (Z85). */
    public static final SocketOption<String> CURVE_SERVERKEY =
            string("CURVE_SERVERKEY", ZMQ_CURVE_SERVERKEY(), GET_SET);
    /** ZMQ_PROBE_ROUTER: ROUTER, DEALER: send an empty message to each new peer on connect. */
    public static final SocketOption<Boolean> PROBE_ROUTER = bool("PROBE_ROUTER", ZMQ_PROBE_ROUTER(), SET);
    /** ZMQ_REQ_CORRELATE: REQ: prefix requests with a request id and match replies to it. */
    public static final SocketOption<Boolean> REQ_CORRELATE = bool("REQ_CORRELATE", ZMQ_REQ_CORRELATE(), SET);
    /** ZMQ_REQ_RELAXED: REQ: allow a new request without waiting for the reply. */
    public static final SocketOption<Boolean> REQ_RELAXED = bool("REQ_RELAXED", ZMQ_REQ_RELAXED(), SET);
    /** ZMQ_CONFLATE: keep only the last message in the queues (single-part messages only). */
    public static final SocketOption<Boolean> CONFLATE = bool("CONFLATE", ZMQ_CONFLATE(), GET_SET);
    /** ZMQ_ZAP_DOMAIN: the ZAP authentication domain (0..255 bytes). */
    public static final SocketOption<String> ZAP_DOMAIN = string("ZAP_DOMAIN", ZMQ_ZAP_DOMAIN(), GET_SET);
    /** ZMQ_ROUTER_HANDOVER: ROUTER: a new peer with a routing id in use takes it over. */
    public static final SocketOption<Boolean> ROUTER_HANDOVER = bool("ROUTER_HANDOVER", ZMQ_ROUTER_HANDOVER(), SET);
    /** ZMQ_TOS: IP type-of-service of outgoing packets, 0..255. */
    public static final SocketOption<Integer> TOS =
            checked(integer("TOS", ZMQ_TOS(), GET_SET), range(0, 255, "one byte: IP_TOS keeps 8 bits"));
    /** ZMQ_CONNECT_ROUTING_ID: ROUTER, STREAM: the routing id of the peer of the next connect (1..255 bytes). */
    public static final SocketOption<byte[]> CONNECT_ROUTING_ID =
            bytes("CONNECT_ROUTING_ID", ZMQ_CONNECT_ROUTING_ID(), SET);
    /** ZMQ_GSSAPI_SERVER: act as the GSSAPI server (EINVAL: this build has no GSSAPI). */
    public static final SocketOption<Boolean> GSSAPI_SERVER = bool("GSSAPI_SERVER", ZMQ_GSSAPI_SERVER(), GET_SET);
    /** ZMQ_GSSAPI_PRINCIPAL: the GSSAPI principal (EINVAL: this build has no GSSAPI). */
    public static final SocketOption<String> GSSAPI_PRINCIPAL =
            string("GSSAPI_PRINCIPAL", ZMQ_GSSAPI_PRINCIPAL(), GET_SET);
    /** ZMQ_GSSAPI_SERVICE_PRINCIPAL: the GSSAPI service principal (EINVAL: no GSSAPI here). */
    public static final SocketOption<String> GSSAPI_SERVICE_PRINCIPAL =
            string("GSSAPI_SERVICE_PRINCIPAL", ZMQ_GSSAPI_SERVICE_PRINCIPAL(), GET_SET);
    /** ZMQ_GSSAPI_PLAINTEXT: GSSAPI without encryption (EINVAL: this build has no GSSAPI). */
    public static final SocketOption<Boolean> GSSAPI_PLAINTEXT =
            bool("GSSAPI_PLAINTEXT", ZMQ_GSSAPI_PLAINTEXT(), GET_SET);
    /** ZMQ_HANDSHAKE_IVL: maximum time in ms for the ZMTP handshake (0: no limit). */
    public static final SocketOption<Integer> HANDSHAKE_IVL = integer("HANDSHAKE_IVL", ZMQ_HANDSHAKE_IVL(), GET_SET);
    /** ZMQ_SOCKS_PROXY: the SOCKS5 proxy ({@code host:port}) for tcp connects. */
    public static final SocketOption<String> SOCKS_PROXY =
            checked(string("SOCKS_PROXY", ZMQ_SOCKS_PROXY(), GET_SET), OptionCheck.HOST_PORT);
    /** ZMQ_XPUB_NODROP: XPUB, RADIO: fail with EAGAIN at the high-water mark instead of dropping. */
    public static final SocketOption<Boolean> XPUB_NODROP = bool("XPUB_NODROP", ZMQ_XPUB_NODROP(), SET);
    /** ZMQ_XPUB_MANUAL: XPUB: subscriptions are applied by the application (SUBSCRIBE/UNSUBSCRIBE). */
    public static final SocketOption<Boolean> XPUB_MANUAL = bool("XPUB_MANUAL", ZMQ_XPUB_MANUAL(), SET);
    /** ZMQ_XPUB_WELCOME_MSG: XPUB: a message sent to each new subscriber (empty: none). */
    public static final SocketOption<byte[]> XPUB_WELCOME_MSG = bytes("XPUB_WELCOME_MSG", ZMQ_XPUB_WELCOME_MSG(), SET);
    /** ZMQ_STREAM_NOTIFY: STREAM: deliver a zero-length message on connect and disconnect. */
    public static final SocketOption<Boolean> STREAM_NOTIFY = bool("STREAM_NOTIFY", ZMQ_STREAM_NOTIFY(), SET);
    /** ZMQ_INVERT_MATCHING: SUB, XSUB, PUB, XPUB: a topic filter excludes instead of includes. */
    public static final SocketOption<Boolean> INVERT_MATCHING = bool("INVERT_MATCHING", ZMQ_INVERT_MATCHING(), GET_SET);
    /** ZMQ_HEARTBEAT_IVL: interval in ms between ZMTP heartbeats (0: none). */
    public static final SocketOption<Integer> HEARTBEAT_IVL = integer("HEARTBEAT_IVL", ZMQ_HEARTBEAT_IVL(), GET_SET);
    /** ZMQ_HEARTBEAT_TTL: time-to-live in ms the peer gets with heartbeats (stored in units of 100 ms). */
    public static final SocketOption<Integer> HEARTBEAT_TTL = integer("HEARTBEAT_TTL", ZMQ_HEARTBEAT_TTL(), GET_SET);
    /** ZMQ_HEARTBEAT_TIMEOUT: how long in ms to wait for a heartbeat reply before closing the connection. */
    public static final SocketOption<Integer> HEARTBEAT_TIMEOUT =
            integer("HEARTBEAT_TIMEOUT", ZMQ_HEARTBEAT_TIMEOUT(), GET_SET);
    /** ZMQ_XPUB_VERBOSER: XPUB: pass on every subscription and unsubscription message. */
    public static final SocketOption<Boolean> XPUB_VERBOSER = bool("XPUB_VERBOSER", ZMQ_XPUB_VERBOSER(), SET);
    /** ZMQ_CONNECT_TIMEOUT: timeout in ms of a tcp connect (0: the OS default). */
    public static final SocketOption<Integer> CONNECT_TIMEOUT =
            integer("CONNECT_TIMEOUT", ZMQ_CONNECT_TIMEOUT(), GET_SET);
    /** ZMQ_TCP_MAXRT: TCP_USER_TIMEOUT in ms (0: the OS default). */
    public static final SocketOption<Integer> TCP_MAXRT = integer("TCP_MAXRT", ZMQ_TCP_MAXRT(), GET_SET);
    /** ZMQ_THREAD_SAFE: whether the socket type is thread-safe (the draft types). */
    public static final SocketOption<Boolean> THREAD_SAFE = bool("THREAD_SAFE", ZMQ_THREAD_SAFE(), GET);
    /** ZMQ_MULTICAST_MAXTPDU: maximum transport data unit of multicast packets in bytes. */
    public static final SocketOption<Integer> MULTICAST_MAXTPDU =
            integer("MULTICAST_MAXTPDU", ZMQ_MULTICAST_MAXTPDU(), GET_SET);
    /** ZMQ_VMCI_BUFFER_SIZE: VMCI buffer size (EINVAL: this build has no VMCI). */
    public static final SocketOption<Long> VMCI_BUFFER_SIZE =
            uint64("VMCI_BUFFER_SIZE", ZMQ_VMCI_BUFFER_SIZE(), GET_SET);
    /** ZMQ_VMCI_BUFFER_MIN_SIZE: VMCI minimum buffer size (EINVAL: this build has no VMCI). */
    public static final SocketOption<Long> VMCI_BUFFER_MIN_SIZE =
            uint64("VMCI_BUFFER_MIN_SIZE", ZMQ_VMCI_BUFFER_MIN_SIZE(), GET_SET);
    /** ZMQ_VMCI_BUFFER_MAX_SIZE: VMCI maximum buffer size (EINVAL: this build has no VMCI). */
    public static final SocketOption<Long> VMCI_BUFFER_MAX_SIZE =
            uint64("VMCI_BUFFER_MAX_SIZE", ZMQ_VMCI_BUFFER_MAX_SIZE(), GET_SET);
    /** ZMQ_VMCI_CONNECT_TIMEOUT: VMCI connect timeout in ms (EINVAL: this build has no VMCI). */
    public static final SocketOption<Integer> VMCI_CONNECT_TIMEOUT =
            integer("VMCI_CONNECT_TIMEOUT", ZMQ_VMCI_CONNECT_TIMEOUT(), GET_SET);
    /**
     * ZMQ_USE_FD: bind to this already-open listening file descriptor instead of creating one (-1: none); libzmq
     * owns it from the bind on. Checked to be a listening stream socket when set (Linux, macOS; refused elsewhere)
     * and again at each tcp, ipc or ws bind, which throws IllegalStateException if it was closed or reused since.
     */
    public static final SocketOption<Integer> USE_FD =
            checked(integer("USE_FD", ZMQ_USE_FD(), GET_SET), OptionCheck.LISTENING_SOCKET);
    /** ZMQ_GSSAPI_PRINCIPAL_NAMETYPE: name type of GSSAPI_PRINCIPAL (EINVAL: no GSSAPI here). */
    public static final SocketOption<Integer> GSSAPI_PRINCIPAL_NAMETYPE =
            integer("GSSAPI_PRINCIPAL_NAMETYPE", ZMQ_GSSAPI_PRINCIPAL_NAMETYPE(), GET_SET);
    /** ZMQ_GSSAPI_SERVICE_PRINCIPAL_NAMETYPE: name type of GSSAPI_SERVICE_PRINCIPAL (EINVAL: no GSSAPI). */
    public static final SocketOption<Integer> GSSAPI_SERVICE_PRINCIPAL_NAMETYPE =
            integer("GSSAPI_SERVICE_PRINCIPAL_NAMETYPE", ZMQ_GSSAPI_SERVICE_PRINCIPAL_NAMETYPE(), GET_SET);
    /** ZMQ_BINDTODEVICE: SO_BINDTODEVICE: the network interface the socket's connections use (up to 15 bytes). */
    public static final SocketOption<String> BINDTODEVICE = checked(string("BINDTODEVICE", ZMQ_BINDTODEVICE(), GET_SET),
            new OptionCheck.MaxLength(15, "IFNAMSIZ: interface names are at most 15 bytes"));

    // Deprecated options with their own codes (zmq.h "Deprecated options and aliases").
    /** ZMQ_TCP_ACCEPT_FILTER: accept tcp peers only from this address/CIDR (empty: clear). Deprecated by ZAP. */
    public static final SocketOption<String> TCP_ACCEPT_FILTER =
            string("TCP_ACCEPT_FILTER", ZMQ_TCP_ACCEPT_FILTER(), SET);
    /** ZMQ_IPC_FILTER_PID: accept ipc connections only from this process id. Deprecated by ZAP. */
    public static final SocketOption<Integer> IPC_FILTER_PID = integer("IPC_FILTER_PID", ZMQ_IPC_FILTER_PID(), SET);
    /** ZMQ_IPC_FILTER_UID: accept ipc connections only from this user id. Deprecated by ZAP. */
    public static final SocketOption<Integer> IPC_FILTER_UID = integer("IPC_FILTER_UID", ZMQ_IPC_FILTER_UID(), SET);
    /** ZMQ_IPC_FILTER_GID: accept ipc connections only from this group id. Deprecated by ZAP. */
    public static final SocketOption<Integer> IPC_FILTER_GID = integer("IPC_FILTER_GID", ZMQ_IPC_FILTER_GID(), SET);
    /** ZMQ_IPV4ONLY: the inverse of IPV6. Deprecated by IPV6. */
    public static final SocketOption<Boolean> IPV4ONLY = bool("IPV4ONLY", ZMQ_IPV4ONLY(), GET_SET);

    // Draft options (zmq.h "DRAFT Socket options", built here).
    /** ZMQ_ZAP_ENFORCE_DOMAIN (draft): ZAP requires ZAP_DOMAIN to be set (strict RFC 27). */
    public static final SocketOption<Boolean> ZAP_ENFORCE_DOMAIN =
            draft(bool("ZAP_ENFORCE_DOMAIN", ZMQ_ZAP_ENFORCE_DOMAIN(), GET_SET));
    /** ZMQ_LOOPBACK_FASTPATH (draft): Windows loopback fast path for tcp (no effect elsewhere). */
    public static final SocketOption<Boolean> LOOPBACK_FASTPATH =
            draft(bool("LOOPBACK_FASTPATH", ZMQ_LOOPBACK_FASTPATH(), GET_SET));
    /** ZMQ_METADATA (draft): add handshake metadata {@code X-key:value}. */
    public static final SocketOption<String> METADATA = draft(string("METADATA", ZMQ_METADATA(), SET));
    /** ZMQ_MULTICAST_LOOP (draft): multicast (UDP) packets loop back to the sender's host. */
    public static final SocketOption<Boolean> MULTICAST_LOOP =
            draft(bool("MULTICAST_LOOP", ZMQ_MULTICAST_LOOP(), GET_SET));
    /** ZMQ_ROUTER_NOTIFY (draft): ROUTER: deliver an empty message on connect (1) and/or disconnect (2). */
    public static final SocketOption<Integer> ROUTER_NOTIFY =
            draft(integer("ROUTER_NOTIFY", ZMQ_ROUTER_NOTIFY(), GET_SET));
    /** ZMQ_XPUB_MANUAL_LAST_VALUE (draft): XPUB: XPUB_MANUAL where a new subscriber gets only the last value. */
    public static final SocketOption<Boolean> XPUB_MANUAL_LAST_VALUE =
            draft(bool("XPUB_MANUAL_LAST_VALUE", ZMQ_XPUB_MANUAL_LAST_VALUE(), SET));
    /** ZMQ_SOCKS_USERNAME (draft): the SOCKS5 proxy user name (0..255 bytes). */
    public static final SocketOption<String> SOCKS_USERNAME =
            draft(string("SOCKS_USERNAME", ZMQ_SOCKS_USERNAME(), GET_SET));
    /** ZMQ_SOCKS_PASSWORD (draft): the SOCKS5 proxy password (0..255 bytes). */
    public static final SocketOption<String> SOCKS_PASSWORD =
            draft(string("SOCKS_PASSWORD", ZMQ_SOCKS_PASSWORD(), GET_SET));
    /** ZMQ_IN_BATCH_SIZE (draft): bytes read from the kernel in one go, 1..16 MiB. */
    public static final SocketOption<Integer> IN_BATCH_SIZE =
            draft(checked(integer("IN_BATCH_SIZE", ZMQ_IN_BATCH_SIZE(), GET_SET), BATCH_SIZE));
    /** ZMQ_OUT_BATCH_SIZE (draft): bytes written to the kernel in one go, 1..16 MiB. */
    public static final SocketOption<Integer> OUT_BATCH_SIZE =
            draft(checked(integer("OUT_BATCH_SIZE", ZMQ_OUT_BATCH_SIZE(), GET_SET), BATCH_SIZE));
    /** ZMQ_WSS_KEY_PEM (draft): WSS private key (EINVAL: this build has no WSS). */
    public static final SocketOption<String> WSS_KEY_PEM = draft(string("WSS_KEY_PEM", ZMQ_WSS_KEY_PEM(), SET));
    /** ZMQ_WSS_CERT_PEM (draft): WSS certificate (EINVAL: this build has no WSS). */
    public static final SocketOption<String> WSS_CERT_PEM = draft(string("WSS_CERT_PEM", ZMQ_WSS_CERT_PEM(), SET));
    /** ZMQ_WSS_TRUST_PEM (draft): WSS trusted certificate (EINVAL: this build has no WSS). */
    public static final SocketOption<String> WSS_TRUST_PEM = draft(string("WSS_TRUST_PEM", ZMQ_WSS_TRUST_PEM(), SET));
    /** ZMQ_WSS_HOSTNAME (draft): WSS host name to verify (EINVAL: this build has no WSS). */
    public static final SocketOption<String> WSS_HOSTNAME = draft(string("WSS_HOSTNAME", ZMQ_WSS_HOSTNAME(), SET));
    /** ZMQ_WSS_TRUST_SYSTEM (draft): WSS trusts the system's certificates (EINVAL: this build has no WSS). */
    public static final SocketOption<Boolean> WSS_TRUST_SYSTEM =
            draft(bool("WSS_TRUST_SYSTEM", ZMQ_WSS_TRUST_SYSTEM(), SET));
    /** ZMQ_ONLY_FIRST_SUBSCRIBE (draft): XPUB, XSUB: only the first frame of a message can be a (un)subscription. */
    public static final SocketOption<Boolean> ONLY_FIRST_SUBSCRIBE =
            draft(bool("ONLY_FIRST_SUBSCRIBE", ZMQ_ONLY_FIRST_SUBSCRIBE(), SET));
    /** ZMQ_RECONNECT_STOP (draft): stop reconnecting on: 1 refused, 2 handshake failed, 3 after disconnect. */
    public static final SocketOption<Integer> RECONNECT_STOP =
            draft(integer("RECONNECT_STOP", ZMQ_RECONNECT_STOP(), GET_SET));
    /** ZMQ_HELLO_MSG (draft): a message sent to each new peer (DEALER, ROUTER, CLIENT, SERVER, PEER). */
    public static final SocketOption<byte[]> HELLO_MSG = draft(bytes("HELLO_MSG", ZMQ_HELLO_MSG(), SET));
    /** ZMQ_DISCONNECT_MSG (draft): a message received when a peer disconnects (ROUTER, SERVER, PEER). */
    public static final SocketOption<byte[]> DISCONNECT_MSG = draft(bytes("DISCONNECT_MSG", ZMQ_DISCONNECT_MSG(), SET));
    /** ZMQ_PRIORITY (draft): SO_PRIORITY of outgoing packets (over 6 needs CAP_NET_ADMIN or CAP_NET_RAW: checked). */
    public static final SocketOption<Integer> PRIORITY =
            draft(checked(integer("PRIORITY", ZMQ_PRIORITY(), GET_SET), OptionCheck.PRIORITY));

    // Deprecated aliases: zmq.h names for the same codes, hence the same objects.
    /** ZMQ_IDENTITY: the old name of {@link #ROUTING_ID}. */
    @Deprecated public static final SocketOption<byte[]> IDENTITY = ROUTING_ID;
    /** ZMQ_CONNECT_RID: the old name of {@link #CONNECT_ROUTING_ID}. */
    @Deprecated public static final SocketOption<byte[]> CONNECT_RID = CONNECT_ROUTING_ID;
    /** ZMQ_DELAY_ATTACH_ON_CONNECT: the old name of {@link #IMMEDIATE}. */
    @Deprecated public static final SocketOption<Boolean> DELAY_ATTACH_ON_CONNECT = IMMEDIATE;
    /** ZMQ_FAIL_UNROUTABLE: the old name of {@link #ROUTER_MANDATORY}. */
    @Deprecated public static final SocketOption<Boolean> FAIL_UNROUTABLE = ROUTER_MANDATORY;
    /** ZMQ_ROUTER_BEHAVIOR: the old name of {@link #ROUTER_MANDATORY}. */
    @Deprecated public static final SocketOption<Boolean> ROUTER_BEHAVIOR = ROUTER_MANDATORY;

    private final String name;
    private final int code;
    private final Kind kind;
    private final Access access;
    private final boolean draft;
    private final Class<T> javaType;
    /** What a value must be beyond what libzmq checks; null: libzmq's check is enough. */
    private final OptionCheck check;

    private SocketOption(String name, int code, Kind kind, Access access, boolean draft, Class<T> javaType,
                         OptionCheck check) {
        this.name = name;
        this.code = code;
        this.kind = kind;
        this.access = access;
        this.draft = draft;
        this.javaType = javaType;
        this.check = check;
    }

    private static <T> SocketOption<T> add(String name, int code, Kind kind, Access access, boolean draft,
                                           Class<T> javaType) {
        SocketOption<T> option = new SocketOption<>("ZMQ_" + name, code, kind, access, draft, javaType, null);
        TABLE.add(option);
        return option;
    }

    private static SocketOption<Integer> integer(String name, int code, Access access) {
        return add(name, code, Kind.INT, access, false, Integer.class);
    }

    private static SocketOption<Boolean> bool(String name, int code, Access access) {
        return add(name, code, Kind.BOOL, access, false, Boolean.class);
    }

    private static SocketOption<Long> uint64(String name, int code, Access access) {
        return add(name, code, Kind.UINT64, access, false, Long.class);
    }

    private static SocketOption<byte[]> bytes(String name, int code, Access access) {
        return add(name, code, Kind.BYTES, access, false, byte[].class);
    }

    private static SocketOption<String> string(String name, int code, Access access) {
        return add(name, code, Kind.STRING, access, false, String.class);
    }

    /** Marks the option just made as a draft: replaces it in the table with a copy flagged as such. */
    private static <T> SocketOption<T> draft(SocketOption<T> option) {
        return option.replaced(true, option.check);
    }

    /** Gives the option just made a check of its values: replaces it in the table with a copy that has it. */
    private static <T> SocketOption<T> checked(SocketOption<T> option, OptionCheck check) {
        return option.replaced(option.draft, check);
    }

    private SocketOption<T> replaced(boolean draft, OptionCheck check) {
        SocketOption<T> copy = new SocketOption<>(name, code, kind, access, draft, javaType, check);
        TABLE.set(TABLE.indexOf(this), copy);
        return copy;
    }

    private static OptionCheck range(int min, int max, String why) {
        return new OptionCheck.Range(min, max, false, why);
    }

    private static OptionCheck rangeOrDefault(int min, int max, String why) {
        return new OptionCheck.Range(min, max, true, why);
    }

    /** Throws IllegalArgumentException if libzmq would take {@code value} but it cannot work (see the option). */
    void checkValue(T value) {
        if (check != null) {
            check.check(this, value);
        }
    }

    /** Every socket option, each once (aliases are the same objects), in {@code zmq.h} order. A new immutable list. */
    public static List<SocketOption<?>> all() {
        return List.copyOf(TABLE);
    }

    /** The C name, e.g. {@code ZMQ_LINGER}. */
    public String name() {
        return name;
    }

    /** The C value passed to {@code zmq_setsockopt}/{@code zmq_getsockopt}. */
    public int code() {
        return code;
    }

    /** The C representation. */
    public Kind kind() {
        return kind;
    }

    /** What libzmq allows. */
    public Access access() {
        return access;
    }

    /** Whether libzmq declares the option only under {@code ZMQ_BUILD_DRAFT_API}. */
    public boolean isDraft() {
        return draft;
    }

    /** Whether {@link Socket#get} is allowed. */
    public boolean readable() {
        return access != Access.SET;
    }

    /** Whether {@link Socket#set} is allowed. */
    public boolean writable() {
        return access != Access.GET;
    }

    /** The Java type of the value. */
    public Class<T> javaType() {
        return javaType;
    }

    @Override
    public String toString() {
        return name;
    }
}
