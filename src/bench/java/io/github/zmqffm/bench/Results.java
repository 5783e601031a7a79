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
        /** Throughput pairs: each run's CPU seconds (user + system, after start-up), receiving and sending side. */
        final List<Double> localCpu = new ArrayList<>();
        final List<Double> remoteCpu = new ArrayList<>();
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
        addCpu(cell, sample);
        if (sample.roundTripNanos() != null) {
            Arrays.stream(sample.roundTripNanos()).forEach(nanos -> cell.oneWayNanos.recordValue(Math.max(0, nanos / 2)));
        }
    }

    private static void addCpu(Cell cell, Runner.Sample sample) {
        if (!Double.isNaN(sample.localCpuSeconds())) {
            cell.localCpu.add(sample.localCpuSeconds());
        }
        if (!Double.isNaN(sample.remoteCpuSeconds())) { // NaN: the sender ended before it was seen connected
            cell.remoteCpu.add(sample.remoteCpuSeconds());
        }
    }

    /**
     * CPU milliseconds per million messages (= ns per message) of one side of a throughput pair ({@code local}:
     * the receiver), the median over the runs; NaN if not measured.
     */
    double cpuMillisPerMillion(Case c, String impl, boolean local) {
        Cell cell = cells.get(c).get(impl);
        return cell == null ? Double.NaN : Stats.median(local ? cell.localCpu : cell.remoteCpu) / c.count() * 1e9;
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

    /**
     * The best run of {@code impl} over C's best run (throughput): where a case's throughput is bimodal (the
     * receiver keeps up or falls behind), medians of a few runs can land on different modes; the best runs agree.
     */
    double bestRatioToC(Case c, String impl) {
        Cell reference = cells.get(c).get(Impl.C);
        Cell cell = cells.get(c).get(impl);
        return reference == null || cell == null ? Double.NaN : cell.max() / reference.max();
    }

    /** The median of {@code impl} over the median of C: above 1 is faster for throughput, slower for latency. */
    double ratioToC(Case c, String impl) {
        Cell reference = cells.get(c).get(Impl.C);
        Cell cell = cells.get(c).get(impl);
        return reference == null || cell == null ? Double.NaN : cell.median() / reference.median();
    }
}
