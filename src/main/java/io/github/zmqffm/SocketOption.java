package io.github.zmqffm;

import io.github.zmqffm.lib.zmq_h;

/**
 * A libzmq socket option with its C representation and the access libzmq allows, used with
 * {@link Socket#get(SocketOption)} and {@link Socket#set(SocketOption, Object)}.
 *
 * @param <T> the Java type of the value: {@code Integer}, {@code Long}, {@code Boolean}, {@code byte[]} or
 *            {@code String}
 */
public final class SocketOption<T> {

    /** How the value is represented in C. */
    public enum Kind {
        /** {@code int}. */
        INT,
        /** {@code int64_t}. */
        INT64,
        /** {@code uint64_t} (carried in a Java {@code long}). */
        UINT64,
        /** {@code int} that is 0 or 1. */
        BOOL,
        /** binary data. */
        BYTES,
        /** a NUL-terminated string when read; characters (no NUL) when written. */
        STRING
    }

    /** What libzmq allows. */
    public enum Access {
        /** {@code zmq_getsockopt} only. */
        GET,
        /** {@code zmq_setsockopt} only. */
        SET,
        /** both. */
        GET_SET
    }

    // Core options; the full table follows in SocketOptions.
    /** ZMQ_LINGER: how long (ms) pending messages linger after close; -1 forever, 0 drop. */
    public static final SocketOption<Integer> LINGER = intOption("ZMQ_LINGER", zmq_h.ZMQ_LINGER(), Access.GET_SET);
    /** ZMQ_RCVTIMEO: receive timeout in ms; -1 blocks forever. */
    public static final SocketOption<Integer> RCVTIMEO = intOption("ZMQ_RCVTIMEO", zmq_h.ZMQ_RCVTIMEO(), Access.GET_SET);
    /** ZMQ_SNDTIMEO: send timeout in ms; -1 blocks forever. */
    public static final SocketOption<Integer> SNDTIMEO = intOption("ZMQ_SNDTIMEO", zmq_h.ZMQ_SNDTIMEO(), Access.GET_SET);
    /** ZMQ_SNDHWM: high-water mark of outbound messages. */
    public static final SocketOption<Integer> SNDHWM = intOption("ZMQ_SNDHWM", zmq_h.ZMQ_SNDHWM(), Access.GET_SET);
    /** ZMQ_RCVHWM: high-water mark of inbound messages. */
    public static final SocketOption<Integer> RCVHWM = intOption("ZMQ_RCVHWM", zmq_h.ZMQ_RCVHWM(), Access.GET_SET);
    /** ZMQ_RCVMORE: whether more frames of the last received message follow. */
    public static final SocketOption<Boolean> RCVMORE = boolOption("ZMQ_RCVMORE", zmq_h.ZMQ_RCVMORE(), Access.GET);
    /** ZMQ_TYPE: the socket type's C value. */
    public static final SocketOption<Integer> TYPE = intOption("ZMQ_TYPE", zmq_h.ZMQ_TYPE(), Access.GET);
    /** ZMQ_LAST_ENDPOINT: the endpoint last bound or connected, with the real port of a wildcard bind. */
    public static final SocketOption<String> LAST_ENDPOINT =
            stringOption("ZMQ_LAST_ENDPOINT", zmq_h.ZMQ_LAST_ENDPOINT(), Access.GET);
    /** ZMQ_ROUTING_ID: this socket's identity as ROUTER peers see it (1..255 bytes). */
    public static final SocketOption<byte[]> ROUTING_ID = bytesOption("ZMQ_ROUTING_ID", zmq_h.ZMQ_ROUTING_ID(), Access.GET_SET);
    /** ZMQ_SUBSCRIBE: add a topic prefix filter on SUB (empty = everything). */
    public static final SocketOption<byte[]> SUBSCRIBE = bytesOption("ZMQ_SUBSCRIBE", zmq_h.ZMQ_SUBSCRIBE(), Access.SET);
    /** ZMQ_UNSUBSCRIBE: remove a topic filter. */
    public static final SocketOption<byte[]> UNSUBSCRIBE =
            bytesOption("ZMQ_UNSUBSCRIBE", zmq_h.ZMQ_UNSUBSCRIBE(), Access.SET);
    /** ZMQ_AFFINITY: I/O thread affinity bitmask. */
    public static final SocketOption<Long> AFFINITY = longOption("ZMQ_AFFINITY", zmq_h.ZMQ_AFFINITY(), Kind.UINT64, Access.GET_SET);
    /** ZMQ_MAXMSGSIZE: largest inbound message accepted, -1 unlimited. */
    public static final SocketOption<Long> MAXMSGSIZE = longOption("ZMQ_MAXMSGSIZE", zmq_h.ZMQ_MAXMSGSIZE(), Kind.INT64, Access.GET_SET);

    /** ZMQ_CURVE_SERVER: act as the CURVE server (needs CURVE_SECRETKEY). */
    public static final SocketOption<Boolean> CURVE_SERVER =
            boolOption("ZMQ_CURVE_SERVER", zmq_h.ZMQ_CURVE_SERVER(), Access.GET_SET);
    /** ZMQ_CURVE_PUBLICKEY: this socket's long-term public key (Z85, 40 characters). */
    public static final SocketOption<String> CURVE_PUBLICKEY =
            stringOption("ZMQ_CURVE_PUBLICKEY", zmq_h.ZMQ_CURVE_PUBLICKEY(), Access.GET_SET);
    /** ZMQ_CURVE_SECRETKEY: this socket's long-term secret key (Z85). */
    public static final SocketOption<String> CURVE_SECRETKEY =
            stringOption("ZMQ_CURVE_SECRETKEY", zmq_h.ZMQ_CURVE_SECRETKEY(), Access.GET_SET);
    /** ZMQ_CURVE_SERVERKEY: the server's public key, set on a CURVE client (Z85). */
    public static final SocketOption<String> CURVE_SERVERKEY =
            stringOption("ZMQ_CURVE_SERVERKEY", zmq_h.ZMQ_CURVE_SERVERKEY(), Access.GET_SET);

    // Pattern options (the patterns tests need them; the full table may define them too: keep one).
    /** ZMQ_ROUTER_MANDATORY: ROUTER: unroutable messages fail with EHOSTUNREACH instead of being dropped. */
    public static final SocketOption<Boolean> ROUTER_MANDATORY =
            boolOption("ZMQ_ROUTER_MANDATORY", zmq_h.ZMQ_ROUTER_MANDATORY(), Access.SET);
    /** ZMQ_XPUB_VERBOSE: XPUB: pass on every subscription message, not only new ones. */
    public static final SocketOption<Boolean> XPUB_VERBOSE =
            boolOption("ZMQ_XPUB_VERBOSE", zmq_h.ZMQ_XPUB_VERBOSE(), Access.SET);
    /** ZMQ_XPUB_WELCOME_MSG: XPUB: a message sent to each new subscriber (empty: none). */
    public static final SocketOption<byte[]> XPUB_WELCOME_MSG =
            bytesOption("ZMQ_XPUB_WELCOME_MSG", zmq_h.ZMQ_XPUB_WELCOME_MSG(), Access.SET);

    private final String name;
    private final int code;
    private final Kind kind;
    private final Access access;
    private final boolean draft;
    private final Class<T> javaType;

    SocketOption(String name, int code, Kind kind, Access access, boolean draft, Class<T> javaType) {
        this.name = name;
        this.code = code;
        this.kind = kind;
        this.access = access;
        this.draft = draft;
        this.javaType = javaType;
    }

    static SocketOption<Integer> intOption(String name, int code, Access access) {
        return new SocketOption<>(name, code, Kind.INT, access, false, Integer.class);
    }

    static SocketOption<Boolean> boolOption(String name, int code, Access access) {
        return new SocketOption<>(name, code, Kind.BOOL, access, false, Boolean.class);
    }

    static SocketOption<Long> longOption(String name, int code, Kind kind, Access access) {
        return new SocketOption<>(name, code, kind, access, false, Long.class);
    }

    static SocketOption<byte[]> bytesOption(String name, int code, Access access) {
        return new SocketOption<>(name, code, Kind.BYTES, access, false, byte[].class);
    }

    static SocketOption<String> stringOption(String name, int code, Access access) {
        return new SocketOption<>(name, code, Kind.STRING, access, false, String.class);
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
