package io.github.zmqffm.auth;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * A ZAP reply (RFC 27): status code, status text, user id and metadata. libzmq accepts exactly the codes 200
 * (allowed), 300 (temporary failure: the client is disconnected without an ERROR command and retries), 400
 * (authentication failure: ERROR sent) and 500 (internal error: ERROR sent); anything else fails the handshake
 * as a ZAP protocol error.
 *
 * @param status   200, 300, 400 or 500
 * @param text     why, for logs and the client's ERROR command
 * @param userId   the User-Id libzmq attaches to the peer's messages ({@code Msg.gets("User-Id")}); "" if none
 * @param metadata properties attached to the peer's messages, each readable with {@code Msg.gets(name)}
 * @param detail   the reason in full, for the log only (never sent)
 */
record ZapReply(int status, String text, String userId, Map<String, String> metadata, String detail) {

    static final int OK = 200;
    static final int TEMPORARY_FAILURE = 300;
    static final int DENIED = 400;
    static final int INTERNAL_ERROR = 500;

    ZapReply {
        metadata = Map.copyOf(metadata);
    }

    static ZapReply allowed(String userId, Map<String, String> metadata, String detail) {
        return new ZapReply(OK, "OK", userId, metadata, detail);
    }

    static ZapReply denied(String text, String detail) {
        return new ZapReply(DENIED, text, "", Map.of(), detail);
    }

    static ZapReply temporaryFailure(String text, String detail) {
        return new ZapReply(TEMPORARY_FAILURE, text, "", Map.of(), detail);
    }

    static ZapReply internalError(String text, String detail) {
        return new ZapReply(INTERNAL_ERROR, text, "", Map.of(), detail);
    }

    boolean isAllowed() {
        return status == OK;
    }

    /** The reply's frames after the envelope: version, request id, status code, text, user id, metadata. */
    List<byte[]> toFrames(byte[] requestId) {
        return List.of(bytes("1.0"), requestId, bytes(Integer.toString(status)), bytes(text), bytes(userId),
                ZapMetadata.encode(metadata));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
