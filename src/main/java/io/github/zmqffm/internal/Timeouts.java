package io.github.zmqffm.internal;

import java.time.Duration;

/**
 * {@link Duration}s as libzmq and the JDK take them, saturating instead of throwing: {@code Duration.toMillis()}
 * and {@code toNanos()} throw ArithmeticException past about 292 million and 292 years, and a caller may well pass
 * {@code Duration.ofSeconds(Long.MAX_VALUE)} to mean "forever".
 */
public final class Timeouts {

    private static final Duration MAX_MILLIS = Duration.ofMillis(Integer.MAX_VALUE);
    private static final Duration MAX_NANOS = Duration.ofNanos(Long.MAX_VALUE);
    private static final Duration MIN_NANOS = Duration.ofNanos(Long.MIN_VALUE);

    private Timeouts() {}

    /** A libzmq timeout or linger ({@code int} ms): -1 (forever) when negative, at most {@code Integer.MAX_VALUE}. */
    public static int millis(Duration duration) {
        if (duration.isNegative()) {
            return -1;
        }
        return duration.compareTo(MAX_MILLIS) >= 0 ? Integer.MAX_VALUE : (int) duration.toMillis();
    }

    /** Nanoseconds, saturated at {@code Long.MIN_VALUE} and {@code Long.MAX_VALUE}. */
    public static long nanos(Duration duration) {
        if (duration.compareTo(MAX_NANOS) >= 0) {
            return Long.MAX_VALUE;
        }
        return duration.compareTo(MIN_NANOS) <= 0 ? Long.MIN_VALUE : duration.toNanos();
    }
}
