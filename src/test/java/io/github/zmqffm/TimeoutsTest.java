package io.github.zmqffm;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TimeoutsTest {

    @Test
    void negativeMeansNoLimitAndFractionsRoundUp() {
        assertEquals(-1, Timeouts.millis(Duration.ofMillis(-1)));
        assertEquals(-1, Timeouts.millis(Duration.ofDays(-3)));
        assertEquals(0, Timeouts.millis(Duration.ZERO));
        assertEquals(1, Timeouts.millis(Duration.ofNanos(1)), "a short wait must not become a busy look");
        assertEquals(1, Timeouts.millis(Duration.ofMillis(1)));
        assertEquals(2, Timeouts.millis(Duration.ofNanos(1_000_001)));
        assertEquals(1500, Timeouts.millis(Duration.ofMillis(1500)));
    }

    @Test
    void hugeTimeoutsAreCapped() {
        assertEquals(Integer.MAX_VALUE, Timeouts.millis(Duration.ofDays(365 * 1000)));
        assertEquals(Integer.MAX_VALUE, Timeouts.millis(Duration.ofSeconds(Long.MAX_VALUE)));
        assertThrows(NullPointerException.class, () -> Timeouts.millis(null));
    }
}
