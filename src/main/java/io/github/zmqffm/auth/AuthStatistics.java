package io.github.zmqffm.auth;

import java.util.EnumMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * An {@link Authenticator}'s decisions since it started, per mechanism: allowed (ZAP status 200) and denied (any
 * other status). Temporary failures (300: a password file or certificate directory could not be read) and
 * internal errors (500: a malformed request) are counted as denied too, and also on their own; a request too
 * malformed to name a mechanism counts only as an internal error.
 *
 * @param allowed           allowed requests per mechanism (every mechanism present, 0 if none)
 * @param denied            denied requests per mechanism (every mechanism present)
 * @param temporaryFailures replies with status 300
 * @param internalErrors    replies with status 500
 */
public record AuthStatistics(Map<Mechanism, Long> allowed, Map<Mechanism, Long> denied, long temporaryFailures,
                             long internalErrors) {

    /** Copies the maps. */
    public AuthStatistics {
        allowed = Map.copyOf(allowed);
        denied = Map.copyOf(denied);
    }

    /** Allowed requests of {@code mechanism}. */
    public long allowed(Mechanism mechanism) {
        return allowed.getOrDefault(mechanism, 0L);
    }

    /** Denied requests of {@code mechanism}. */
    public long denied(Mechanism mechanism) {
        return denied.getOrDefault(mechanism, 0L);
    }

    /** All denied requests, of every mechanism. */
    public long refused() {
        long sum = 0;
        for (long count : denied.values()) {
            sum += count;
        }
        return sum;
    }

    /**
     * One JSON object without line breaks: {@code {"allowed":{"NULL":0,"PLAIN":2,"CURVE":5,"GSSAPI":0},
     * "denied":{...},"temporary_failures":0,"internal_errors":0}}.
     */
    public String toJson() {
        return "{\"allowed\":" + json(allowed) + ",\"denied\":" + json(denied) + ",\"temporary_failures\":"
                + temporaryFailures + ",\"internal_errors\":" + internalErrors + "}";
    }

    private static String json(Map<Mechanism, Long> counts) {
        StringJoiner text = new StringJoiner(",", "{", "}");
        for (Mechanism mechanism : Mechanism.values()) {
            text.add("\"" + mechanism + "\":" + counts.getOrDefault(mechanism, 0L));
        }
        return text.toString();
    }

    /** The live counters behind the snapshots. */
    static final class Counters {
        private final AtomicLongArray allowed = new AtomicLongArray(Mechanism.values().length);
        private final AtomicLongArray denied = new AtomicLongArray(Mechanism.values().length);
        private final AtomicLong temporary = new AtomicLong();
        private final AtomicLong internal = new AtomicLong();

        /** Counts one reply; {@code mechanism} may be null for a request that named none. */
        void count(Mechanism mechanism, int status) {
            if (mechanism != null) {
                (status == ZapReply.OK ? allowed : denied).incrementAndGet(mechanism.ordinal());
            }
            if (status == ZapReply.TEMPORARY_FAILURE) {
                temporary.incrementAndGet();
            } else if (status == ZapReply.INTERNAL_ERROR) {
                internal.incrementAndGet();
            }
        }

        AuthStatistics snapshot() {
            Map<Mechanism, Long> allowedNow = new EnumMap<>(Mechanism.class);
            Map<Mechanism, Long> deniedNow = new EnumMap<>(Mechanism.class);
            for (Mechanism mechanism : Mechanism.values()) {
                allowedNow.put(mechanism, allowed.get(mechanism.ordinal()));
                deniedNow.put(mechanism, denied.get(mechanism.ordinal()));
            }
            return new AuthStatistics(allowedNow, deniedNow, temporary.get(), internal.get());
        }
    }
}
