package io.github.zmqffm;

import java.time.Duration;
import java.util.Objects;

/** The one conversion from a {@link Duration} timeout to libzmq's milliseconds. */
final class Timeouts {

    private static final Duration MAX = Duration.ofMillis(Integer.MAX_VALUE);

    private Timeouts() {}

    /**
     * {@code timeout} in whole milliseconds for libzmq: negative becomes -1 (no limit), a fraction of a millisecond
     * rounds up (so a short wait never turns into a busy "just look"), and anything beyond
     * {@link Integer#MAX_VALUE} ms (about 24 days) is capped there.
     */
    static int millis(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative()) {
            return -1;
        }
        if (timeout.compareTo(MAX) >= 0) {
            return Integer.MAX_VALUE;
        }
        return (int) ((timeout.toNanos() + 999_999) / 1_000_000);
    }
}
