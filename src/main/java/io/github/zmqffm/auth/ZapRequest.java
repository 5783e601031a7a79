package io.github.zmqffm.auth;

import io.github.zmqffm.Z85;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A ZAP request as libzmq sends it (RFC 27), after the REP socket has taken off the envelope: version, request
 * id, domain, address, routing id, mechanism, then the mechanism's credentials (PLAIN: user name and password;
 * CURVE: the client's 32-byte public key; GSSAPI: the principal; NULL: none).
 *
 * @param version     "1.0"
 * @param requestId   echoed in the reply
 * @param domain      the server socket's ZAP_DOMAIN ("" if unset)
 * @param address     the peer's IP address as text, or {@code :uid:gid:pid} over ipc
 * @param mechanism   the mechanism, or null if it is not one libzmq knows
 * @param credentials the credential frames
 */
record ZapRequest(String version, byte[] requestId, String domain, String address, Mechanism mechanism,
                  List<byte[]> credentials) {

    /** The frames before the credentials. */
    private static final int HEADER_FRAMES = 6;

    /** Reads a request; throws {@link IllegalArgumentException} (a 500 reply) if it is malformed. */
    static ZapRequest parse(List<byte[]> frames) {
        if (frames.size() < HEADER_FRAMES) {
            throw new IllegalArgumentException("a ZAP request has at least 6 frames, not " + frames.size());
        }
        String mechanismName = text(frames.get(5));
        Mechanism mechanism = Mechanism.ofWire(mechanismName);
        List<byte[]> credentials = List.copyOf(frames.subList(HEADER_FRAMES, frames.size()));
        ZapRequest request = new ZapRequest(text(frames.get(0)), frames.get(1), text(frames.get(2)),
                text(frames.get(3)), mechanism, credentials);
        if (mechanism == null) {
            throw new IllegalArgumentException("unknown mechanism '" + mechanismName + "'");
        }
        int expected = switch (mechanism) {
            case NULL -> 0;
            case PLAIN -> 2;
            case CURVE, GSSAPI -> 1;
        };
        if (credentials.size() != expected) {
            throw new IllegalArgumentException(mechanism + " has " + expected + " credential frames, not " + credentials.size());
        }
        if (mechanism == Mechanism.CURVE && credentials.getFirst().length != 32) {
            throw new IllegalArgumentException("a CURVE key has 32 bytes, not " + credentials.getFirst().length);
        }
        return request;
    }

    /** The request id of a request too malformed to parse, for its 500 reply. */
    static byte[] requestIdOf(List<byte[]> frames) {
        return frames.size() > 1 ? frames.get(1) : new byte[0];
    }

    /** PLAIN: the user name. */
    String username() {
        return text(credentials.get(0));
    }

    /** PLAIN: the password's bytes. */
    byte[] password() {
        return credentials.get(1);
    }

    /** CURVE: the client's public key in Z85. */
    String clientKey() {
        return Z85.encode(credentials.getFirst());
    }

    private static String text(byte[] frame) {
        return new String(frame, StandardCharsets.UTF_8);
    }
}
