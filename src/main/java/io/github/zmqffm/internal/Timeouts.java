package io.github.zmqffm.internal;

import java.time.Duration;
import java.util.Objects;

/**
 * The one conversion of a {@link Duration} to what libzmq and the JDK take, saturating instead of throwing:
 * {@code Duration.toMillis()} and {@code toNanos()} throw ArithmeticException past about 292 million and 292
 * years, and a caller may well pass {@code Duration.ofSeconds(Long.MAX_VALUE)} to mean "forever".
 */
public final class Timeouts {

    private static final Duration MAX_MILLIS = Duration.ofMillis(Integer.MAX_VALUE);
    private static final Duration MAX_NANOS = Duration.ofNanos(Long.MAX_VALUE);
    private static final Duration MIN_NANOS = Duration.ofNanos(Long.MIN_VALUE);

    private Timeouts() {}

    /**
     * {@code timeout} in whole milliseconds for libzmq: negative becomes -1 (no limit), a fraction of a millisecond
     * rounds up (so a short wait never turns into a busy "just look"), and anything beyond
     * {@link Integer#MAX_VALUE} ms (about 24 days) is capped there.
     */
    public static int millis(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative()) {
            return -1;
        }
        if (timeout.compareTo(MAX_MILLIS) >= 0) {
            return Integer.MAX_VALUE;
        }
        return (int) ((timeout.toNanos() + 999_999) / 1_000_000);
    }

    /** Nanoseconds, saturated at {@code Long.MIN_VALUE} and {@code Long.MAX_VALUE}. */
    public static long nanos(Duration duration) {
        if (duration.compareTo(MAX_NANOS) >= 0) {
            return Long.MAX_VALUE;
        }
        return duration.compareTo(MIN_NANOS) <= 0 ? Long.MIN_VALUE : duration.toNanos();
    }
}
