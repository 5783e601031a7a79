package io.github.zmqffm;


import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * CURVE key pairs, as Z85 text (40 characters), made by libzmq. Use them with
 * {@link SocketOption#CURVE_SERVER}, {@link SocketOption#CURVE_SECRETKEY}, {@link SocketOption#CURVE_PUBLICKEY}
 * and {@link SocketOption#CURVE_SERVERKEY}.
 */
public final class Curve {

    /** A CURVE key pair in Z85. */
    public record KeyPair(String publicKey, String secretKey) {
        @Override
        public String toString() {
            return "KeyPair[publicKey=" + publicKey + ", secretKey=(hidden)]";
        }
    }

    private Curve() {}

    /** A new random key pair. Errors: ENOTSUP (libzmq built without CURVE). */
    public static KeyPair keypair() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = arena.allocate(LibZmq.CAPTURE_LAYOUT);
            MemorySegment publicKey = arena.allocate(41);
            MemorySegment secretKey = arena.allocate(41);
            if (LibZmqControl.curveKeypair(errno, publicKey, secretKey) != 0) {
                throw Errors.exception("zmq_curve_keypair", null, LibZmq.errno(errno));
            }
            return new KeyPair(publicKey.getString(0), secretKey.getString(0));
        }
    }

    /** The public key that belongs to a Z85 secret key. Errors: ENOTSUP; IllegalArgumentException if not 40 Z85 characters. */
    public static String publicKey(String secretKey) {
        if (secretKey.length() != 40) {
            throw new IllegalArgumentException("a Z85 CURVE secret key has 40 characters, not " + secretKey.length());
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = arena.allocate(LibZmq.CAPTURE_LAYOUT);
            MemorySegment publicKey = arena.allocate(41);
            if (LibZmqControl.curvePublic(errno, publicKey, arena.allocateFrom(secretKey)) != 0) {
                int e = LibZmq.errno(errno);
                if (e == Errno.EINVAL.code()) {
                    throw new IllegalArgumentException("not a Z85 CURVE secret key");
                }
                throw Errors.exception("zmq_curve_public", null, e);
            }
            return publicKey.getString(0);
        }
    }
}
