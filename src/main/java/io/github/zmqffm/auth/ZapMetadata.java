package io.github.zmqffm.auth;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The metadata frame of a ZAP reply, in ZMTP's property encoding (RFC 23): for each property a 1-byte name
 * length, the name, a 4-byte big-endian value length and the value.
 */
final class ZapMetadata {

    /**
     * Names libzmq treats specially when it reads ZAP metadata (Socket-Type is checked against the peer,
     * Identity sets its routing id) or sets itself: never passed on from a certificate.
     */
    private static final Set<String> RESERVED = Set.of("socket-type", "identity", "routing-id", "user-id", "peer-address");

    private ZapMetadata() {}

    /** Whether {@code name} can be sent: 1 to 255 bytes and not one libzmq reserves. */
    static boolean isSendable(String name) {
        int length = name.getBytes(StandardCharsets.UTF_8).length;
        return length >= 1 && length <= 255 && !RESERVED.contains(name.toLowerCase(Locale.ROOT));
    }

    /** Encodes the sendable properties (others are left out). */
    static byte[] encode(Map<String, String> properties) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Map.Entry<String, String> property : properties.entrySet()) {
            if (!isSendable(property.getKey())) {
                continue;
            }
            byte[] name = property.getKey().getBytes(StandardCharsets.UTF_8);
            byte[] value = property.getValue().getBytes(StandardCharsets.UTF_8);
            out.write(name.length);
            out.writeBytes(name);
            out.writeBytes(ByteBuffer.allocate(4).putInt(value.length).array());
            out.writeBytes(value);
        }
        return out.toByteArray();
    }
}
