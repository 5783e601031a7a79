package io.github.zmqffm.soak;

import java.util.Map;
import java.util.TreeMap;

/**
 * Checks the sequence numbers received on one pipe, in O(1) per message while nothing goes wrong: a number below
 * the next expected one is a reordering if it fills a known gap and a duplicate otherwise; what is still missing
 * at the end is lost. Single-threaded (one receiving thread per pipe).
 */
final class SequenceTracker {

    private long expected;
    private long received;
    private long duplicated;
    private long reordered;
    /** Missing ranges not yet filled: start to end, inclusive. */
    private final TreeMap<Long, Long> gaps = new TreeMap<>();

    /** Records one received sequence number. */
    void accept(long seq) {
        received++;
        if (seq == expected) {
            expected++;
        } else if (seq > expected) {
            gaps.put(expected, seq - 1);
            expected = seq + 1;
        } else if (!fillGap(seq)) {
            duplicated++;
        } else {
            reordered++;
        }
    }

    private boolean fillGap(long seq) {
        Map.Entry<Long, Long> gap = gaps.floorEntry(seq);
        if (gap == null || gap.getValue() < seq) {
            return false;
        }
        gaps.remove(gap.getKey());
        if (gap.getKey() < seq) {
            gaps.put(gap.getKey(), seq - 1);
        }
        if (seq < gap.getValue()) {
            gaps.put(seq + 1, gap.getValue());
        }
        return true;
    }

    /** Messages received, duplicates included. */
    long received() {
        return received;
    }

    long duplicated() {
        return duplicated;
    }

    long reordered() {
        return reordered;
    }

    /** Of {@code sent} numbers 0..sent-1, how many never arrived. */
    long lost(long sent) {
        long missing = Math.max(0, sent - expected);
        for (Map.Entry<Long, Long> gap : gaps.entrySet()) {
            missing += gap.getValue() - gap.getKey() + 1;
        }
        return missing;
    }

    /** Distinct numbers received. */
    long distinct() {
        return received - duplicated;
    }
}
