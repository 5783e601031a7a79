package io.github.zmqffm.auth;

/** The ZMTP security mechanisms a ZAP request names (RFC 27's mechanism frame). */
public enum Mechanism {
    /** No security: a ZAP request only when the server socket has a ZAP_DOMAIN. */
    NULL,
    /** User name and password in clear text (RFC 24). */
    PLAIN,
    /** CurveZMQ (RFC 26): the client's long-term public key. */
    CURVE,
    /** Kerberos; this libzmq build has no GSSAPI, and the {@link Authenticator} denies it. */
    GSSAPI;

    /** The mechanism named {@code name} exactly as on the wire ("NULL", "PLAIN", ...), or null if none. */
    static Mechanism ofWire(String name) {
        for (Mechanism mechanism : values()) {
            if (mechanism.name().equals(name)) {
                return mechanism;
            }
        }
        return null;
    }
}
