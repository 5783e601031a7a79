package io.github.zmqffm.faults;

import java.util.ArrayList;
import java.util.List;

/**
 * What a stream of sequence numbers from one sender shows: how many arrived, duplicates, reorderings, and the gaps
 * (ranges never seen). libzmq never duplicates or reorders within one pipe; a broken connection may lose what was in
 * flight on it, which shows as one gap.
 */
final class SequenceCheck {

    private long last = -1;
    private long received;
    private long duplicatedOrReordered;
    private final List<long[]> gaps = new ArrayList<>();

    /** Records the next number received. */
    void accept(long seq) {
        received++;
        if (seq <= last) {
            duplicatedOrReordered++;
            return;
        }
        if (seq > last + 1) {
            gaps.add(new long[] {last + 1, seq - 1});
        }
        last = seq;
    }

    long received() {
        return received;
    }

    long last() {
        return last;
    }

    /** Numbers that came at or below one already seen (a duplicate or a reordering). */
    long duplicatedOrReordered() {
        return duplicatedOrReordered;
    }

    /** The missing ranges, inclusive. */
    List<long[]> gaps() {
        return gaps;
    }

    long lost() {
        return gaps.stream().mapToLong(g -> g[1] - g[0] + 1).sum();
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("received " + received + ", last " + last + ", duplicated or reordered "
                + duplicatedOrReordered + ", gaps");
        for (long[] gap : gaps) {
            text.append(" [").append(gap[0]).append("..").append(gap[1]).append("]");
        }
        return text.append(gaps.isEmpty() ? " none" : "").toString();
    }
}
