package io.github.zmqffm.bench;

import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The samples of a comparison run: per case and implementation, every repetition's value (msg/s, or mean
 * one-way microseconds) and, for latency, one HdrHistogram of every round trip of every repetition recorded as
 * one-way nanoseconds (round trip / 2, libzmq's definition of latency).
 */
final class Results {

    /** The samples of one implementation in one case. */
    static final class Cell {
        final List<Double> values = new ArrayList<>();
        final Histogram oneWayNanos = new Histogram(3_600_000_000_000L, 3);

        double median() {
            return Stats.median(values);
        }

        double min() {
            return Stats.min(values);
        }

        double max() {
            return Stats.max(values);
        }

        /** A one-way latency percentile in microseconds. */
        double percentileMicros(double percentile) {
            return oneWayNanos.getValueAtPercentile(percentile) / 1000.0;
        }

        double maxMicros() {
            return oneWayNanos.getMaxValue() / 1000.0;
        }
    }

    private final Map<Case, Map<String, Cell>> cells = new LinkedHashMap<>();
    private final List<String> failures = new ArrayList<>();

    void add(Case c, Impl impl, Runner.Sample sample) {
        Cell cell = cell(c, impl.name());
        cell.values.add(sample.value());
        if (sample.roundTripNanos() != null) {
            Arrays.stream(sample.roundTripNanos()).forEach(nanos -> cell.oneWayNanos.recordValue(Math.max(0, nanos / 2)));
        }
    }

    void failed(Case c, Impl impl, String why) {
        cell(c, impl.name());
        failures.add(c.label() + ", " + impl.name() + ": " + why);
    }

    Cell cell(Case c, String impl) {
        return cells.computeIfAbsent(c, k -> new LinkedHashMap<>()).computeIfAbsent(impl, k -> new Cell());
    }

    List<Case> cases() {
        return List.copyOf(cells.keySet());
    }

    List<String> failures() {
        return failures;
    }

    /** The median of {@code impl} over the median of C: above 1 is faster for throughput, slower for latency. */
    double ratioToC(Case c, String impl) {
        Cell reference = cells.get(c).get(Impl.C);
        Cell cell = cells.get(c).get(impl);
        return reference == null || cell == null ? Double.NaN : cell.median() / reference.median();
    }
}
