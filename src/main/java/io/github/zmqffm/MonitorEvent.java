package io.github.zmqffm;

import java.util.EnumSet;
import java.util.Set;

import static io.github.zmqffm.lib.zmq_h.*;

/**
 * One event of a monitored socket ({@link Monitor}), as libzmq's {@code zmq_socket_monitor} reports it.
 *
 * @param type     what happened
 * @param value    the event's number: a file descriptor (CONNECTED, LISTENING, ACCEPTED, CLOSED,
 *                 DISCONNECTED), an errno (CONNECT_DELAYED, BIND_FAILED, ACCEPT_FAILED, CLOSE_FAILED,
 *                 HANDSHAKE_FAILED_NO_DETAIL; see {@link #error()}), the reconnect interval in ms with libzmq's
 *                 random addition (CONNECT_RETRIED), a protocol error code (HANDSHAKE_FAILED_PROTOCOL;
 *                 see {@link #protocolError()}), a ZAP status code such as 400 (HANDSHAKE_FAILED_AUTH), else 0
 * @param endpoint the endpoint concerned, e.g. {@code tcp://127.0.0.1:5555}
 */
public record MonitorEvent(Type type, int value, String endpoint) {

    /** The {@code ZMQ_EVENT_*} values of {@code zmq.h}. */
    public enum Type {
        /** ZMQ_EVENT_CONNECTED: a connection was made; value = its fd. */
        CONNECTED(ZMQ_EVENT_CONNECTED()),
        /** ZMQ_EVENT_CONNECT_DELAYED: a connect goes on asynchronously; value = errno (EINPROGRESS). */
        CONNECT_DELAYED(ZMQ_EVENT_CONNECT_DELAYED()),
        /** ZMQ_EVENT_CONNECT_RETRIED: a reconnect is scheduled; value = the interval in ms. */
        CONNECT_RETRIED(ZMQ_EVENT_CONNECT_RETRIED()),
        /** ZMQ_EVENT_LISTENING: a bind succeeded; value = the listening fd. */
        LISTENING(ZMQ_EVENT_LISTENING()),
        /** ZMQ_EVENT_BIND_FAILED: a bind failed; value = errno (the endpoint lacks its {@code tcp://}). */
        BIND_FAILED(ZMQ_EVENT_BIND_FAILED()),
        /** ZMQ_EVENT_ACCEPTED: a connection was accepted; value = its fd. */
        ACCEPTED(ZMQ_EVENT_ACCEPTED()),
        /** ZMQ_EVENT_ACCEPT_FAILED: accepting a connection failed; value = errno. */
        ACCEPT_FAILED(ZMQ_EVENT_ACCEPT_FAILED()),
        /** ZMQ_EVENT_CLOSED: a listening or connected fd was closed; value = the fd. */
        CLOSED(ZMQ_EVENT_CLOSED()),
        /** ZMQ_EVENT_CLOSE_FAILED: closing an fd failed; value = errno. */
        CLOSE_FAILED(ZMQ_EVENT_CLOSE_FAILED()),
        /** ZMQ_EVENT_DISCONNECTED: a session was broken; value = the fd. */
        DISCONNECTED(ZMQ_EVENT_DISCONNECTED()),
        /** ZMQ_EVENT_MONITOR_STOPPED: the last event: monitoring stopped. */
        MONITOR_STOPPED(ZMQ_EVENT_MONITOR_STOPPED()),
        /** ZMQ_EVENT_HANDSHAKE_FAILED_NO_DETAIL: a handshake failed without a protocol detail; value = errno. */
        HANDSHAKE_FAILED_NO_DETAIL(ZMQ_EVENT_HANDSHAKE_FAILED_NO_DETAIL()),
        /** ZMQ_EVENT_HANDSHAKE_SUCCEEDED: the ZMTP handshake, and its security mechanism, succeeded. */
        HANDSHAKE_SUCCEEDED(ZMQ_EVENT_HANDSHAKE_SUCCEEDED()),
        /** ZMQ_EVENT_HANDSHAKE_FAILED_PROTOCOL: a protocol error in the handshake; value = a {@link ProtocolError}. */
        HANDSHAKE_FAILED_PROTOCOL(ZMQ_EVENT_HANDSHAKE_FAILED_PROTOCOL()),
        /** ZMQ_EVENT_HANDSHAKE_FAILED_AUTH: ZAP refused the peer; value = the ZAP status code (300, 400, 500). */
        HANDSHAKE_FAILED_AUTH(ZMQ_EVENT_HANDSHAKE_FAILED_AUTH()),
        /**
         * ZMQ_EVENT_PIPES_STATS (draft): pipe statistics, reported only by the versioned (v2) monitor, which
         * {@link Monitor} does not use; asking a {@code Monitor} for it is an {@link IllegalArgumentException}.
         */
        PIPES_STATS(ZMQ_EVENT_PIPES_STATS());

        private final int bit;

        Type(int bit) {
            this.bit = bit;
        }

        /** The {@code ZMQ_EVENT_*} bit. */
        public int bit() {
            return bit;
        }

        /** Whether {@code zmq.h} declares it only under {@code ZMQ_BUILD_DRAFT_API}. */
        public boolean isDraft() {
            return this == PIPES_STATS;
        }

        /** Every event that {@link Monitor} can report (all but {@link #PIPES_STATS}). */
        public static Set<Type> all() {
            return EnumSet.complementOf(EnumSet.of(PIPES_STATS));
        }

        /** The type of a {@code ZMQ_EVENT_*} bit. Errors: {@link IllegalArgumentException} for an unknown one. */
        public static Type of(int bit) {
            for (Type type : values()) {
                if (type.bit == bit) {
                    return type;
                }
            }
            throw new IllegalArgumentException("unknown monitor event 0x" + Integer.toHexString(bit));
        }
    }

    /** The {@code ZMQ_PROTOCOL_ERROR_*} codes of a HANDSHAKE_FAILED_PROTOCOL event. */
    public enum ProtocolError {
        /** ZMTP: unspecified. */
        ZMTP_UNSPECIFIED(ZMQ_PROTOCOL_ERROR_ZMTP_UNSPECIFIED()),
        /** ZMTP: a command that is not allowed now. */
        ZMTP_UNEXPECTED_COMMAND(ZMQ_PROTOCOL_ERROR_ZMTP_UNEXPECTED_COMMAND()),
        /** ZMTP: a nonce out of sequence. */
        ZMTP_INVALID_SEQUENCE(ZMQ_PROTOCOL_ERROR_ZMTP_INVALID_SEQUENCE()),
        /** ZMTP: the key exchange failed. */
        ZMTP_KEY_EXCHANGE(ZMQ_PROTOCOL_ERROR_ZMTP_KEY_EXCHANGE()),
        /** ZMTP: a malformed command. */
        ZMTP_MALFORMED_COMMAND_UNSPECIFIED(ZMQ_PROTOCOL_ERROR_ZMTP_MALFORMED_COMMAND_UNSPECIFIED()),
        /** ZMTP: a malformed MESSAGE command. */
        ZMTP_MALFORMED_COMMAND_MESSAGE(ZMQ_PROTOCOL_ERROR_ZMTP_MALFORMED_COMMAND_MESSAGE()),
        /** ZMTP: a malformed HELLO command. */
        ZMTP_MALFORMED_COMMAND_HELLO(ZMQ_PROTOCOL_ERROR_ZMTP_MALFORMED_COMMAND_HELLO()),
        /** ZMTP: a malformed INITIATE command. */
        ZMTP_MALFORMED_COMMAND_INITIATE(ZMQ_PROTOCOL_ERROR_ZMTP_MALFORMED_COMMAND_INITIATE()),
        /** ZMTP: a malformed ERROR command. */
        ZMTP_MALFORMED_COMMAND_ERROR(ZMQ_PROTOCOL_ERROR_ZMTP_MALFORMED_COMMAND_ERROR()),
        /** ZMTP: a malformed READY command. */
        ZMTP_MALFORMED_COMMAND_READY(ZMQ_PROTOCOL_ERROR_ZMTP_MALFORMED_COMMAND_READY()),
        /** ZMTP: a malformed WELCOME command. */
        ZMTP_MALFORMED_COMMAND_WELCOME(ZMQ_PROTOCOL_ERROR_ZMTP_MALFORMED_COMMAND_WELCOME()),
        /** ZMTP: invalid metadata. */
        ZMTP_INVALID_METADATA(ZMQ_PROTOCOL_ERROR_ZMTP_INVALID_METADATA()),
        /** ZMTP: a cryptographic check failed, e.g. a CURVE client with the wrong server key. */
        ZMTP_CRYPTOGRAPHIC(ZMQ_PROTOCOL_ERROR_ZMTP_CRYPTOGRAPHIC()),
        /** ZMTP: the peers use different security mechanisms. */
        ZMTP_MECHANISM_MISMATCH(ZMQ_PROTOCOL_ERROR_ZMTP_MECHANISM_MISMATCH()),
        /** ZAP: unspecified. */
        ZAP_UNSPECIFIED(ZMQ_PROTOCOL_ERROR_ZAP_UNSPECIFIED()),
        /** ZAP: the handler's reply was malformed. */
        ZAP_MALFORMED_REPLY(ZMQ_PROTOCOL_ERROR_ZAP_MALFORMED_REPLY()),
        /** ZAP: the reply's request id does not match. */
        ZAP_BAD_REQUEST_ID(ZMQ_PROTOCOL_ERROR_ZAP_BAD_REQUEST_ID()),
        /** ZAP: the reply's version is not 1.0. */
        ZAP_BAD_VERSION(ZMQ_PROTOCOL_ERROR_ZAP_BAD_VERSION()),
        /** ZAP: the reply's status code is not 200, 300, 400 or 500. */
        ZAP_INVALID_STATUS_CODE(ZMQ_PROTOCOL_ERROR_ZAP_INVALID_STATUS_CODE()),
        /** ZAP: the reply's metadata is invalid. */
        ZAP_INVALID_METADATA(ZMQ_PROTOCOL_ERROR_ZAP_INVALID_METADATA()),
        /** WebSocket: unspecified. */
        WS_UNSPECIFIED(ZMQ_PROTOCOL_ERROR_WS_UNSPECIFIED());

        private final int code;

        ProtocolError(int code) {
            this.code = code;
        }

        /** The {@code ZMQ_PROTOCOL_ERROR_*} value. */
        public int code() {
            return code;
        }

        /** The error with that code, or null if {@code zmq.h} 4.3.4 does not name it. */
        public static ProtocolError of(int code) {
            for (ProtocolError error : values()) {
                if (error.code == code) {
                    return error;
                }
            }
            return null;
        }
    }

    /** For HANDSHAKE_FAILED_PROTOCOL: the decoded {@link #value()} (null if unnamed); null for other types. */
    public ProtocolError protocolError() {
        return type == Type.HANDSHAKE_FAILED_PROTOCOL ? ProtocolError.of(value) : null;
    }

    /** For the types whose value is an errno (see the record's description): it by name; null for others. */
    public Errno error() {
        return switch (type) {
            case CONNECT_DELAYED, BIND_FAILED, ACCEPT_FAILED, CLOSE_FAILED, HANDSHAKE_FAILED_NO_DETAIL ->
                    Errno.of(value);
            default -> null;
        };
    }

    @Override
    public String toString() {
        ProtocolError protocolError = protocolError();
        Errno error = error();
        String detail = protocolError != null ? protocolError.name() : error != null ? error.name() : "" + value;
        return type + "(" + detail + ", " + endpoint + ")";
    }
}
