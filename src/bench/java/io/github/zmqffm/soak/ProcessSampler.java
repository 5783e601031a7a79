package io.github.zmqffm.soak;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Resident memory (VmRSS) and open file descriptors of one process, read from {@code /proc/<pid>} at each
 * {@link #sample(double)}, and their least-squares slopes over the samples after a warm-up.
 */
final class ProcessSampler {

    /** One reading: seconds since the soak started, KiB resident, open fds. */
    record Sample(double seconds, long rssKib, long fds) {}

    private final String name;
    private final long pid;
    private final List<Sample> samples = new ArrayList<>();

    ProcessSampler(String name, long pid) {
        this.name = name;
        this.pid = pid;
    }

    String name() {
        return name;
    }

    synchronized List<Sample> samples() {
        return List.copyOf(samples);
    }

    /** Takes a reading; a process that has ended is skipped. */
    synchronized void sample(double seconds) {
        Path proc = Path.of("/proc", Long.toString(pid));
        try (Stream<Path> fds = Files.list(proc.resolve("fd"))) {
            long open = fds.count();
            long rss = Files.readAllLines(proc.resolve("status")).stream()
                    .filter(line -> line.startsWith("VmRSS:"))
                    .mapToLong(line -> Long.parseLong(line.replaceAll("\\D", "")))
                    .findFirst().orElse(-1);
            samples.add(new Sample(seconds, rss, open));
        } catch (IOException e) {
            // the process is gone
        }
    }

    /** KiB per minute over the samples taken at or after {@code fromSeconds}; NaN with fewer than 3. */
    synchronized double rssSlopePerMinute(double fromSeconds) {
        return slopePerMinute(fromSeconds, true);
    }

    /** Open fds per minute over the samples taken at or after {@code fromSeconds}; NaN with fewer than 3. */
    synchronized double fdSlopePerMinute(double fromSeconds) {
        return slopePerMinute(fromSeconds, false);
    }

    private double slopePerMinute(double fromSeconds, boolean rss) {
        List<Sample> window = samples.stream().filter(s -> s.seconds() >= fromSeconds).toList();
        if (window.size() < 3) {
            return Double.NaN;
        }
        double meanX = window.stream().mapToDouble(Sample::seconds).average().orElseThrow();
        double meanY = window.stream().mapToDouble(s -> rss ? s.rssKib() : s.fds()).average().orElseThrow();
        double covariance = 0;
        double variance = 0;
        for (Sample s : window) {
            double dx = s.seconds() - meanX;
            covariance += dx * ((rss ? s.rssKib() : s.fds()) - meanY);
            variance += dx * dx;
        }
        return variance == 0 ? Double.NaN : covariance / variance * 60;
    }

    /** First and last reading at or after {@code fromSeconds}, for the report. */
    synchronized Sample first(double fromSeconds) {
        return samples.stream().filter(s -> s.seconds() >= fromSeconds).findFirst().orElse(null);
    }

    synchronized Sample last() {
        return samples.isEmpty() ? null : samples.get(samples.size() - 1);
    }
}
