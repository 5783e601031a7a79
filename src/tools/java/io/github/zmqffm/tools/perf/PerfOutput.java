package io.github.zmqffm.tools.perf;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The clock and the exact output lines of libzmq's perf tools, shared by every implementation of them
 * (zmq-ffm's here, and the JeroMQ and jzmq ports of the benchmark) so that their outputs cannot drift apart.
 */
public final class PerfOutput {

    private PerfOutput() {}

    /** libzmq's {@code zmq_stopwatch_start}: a monotonic clock in microseconds. */
    public static long micros() {
        return System.nanoTime() / 1000;
    }

    /** {@code local_thr}'s result lines: throughput from the double rate, as {@code local_thr.cpp} computes it. */
    public static void throughput(PrintStream out, long size, int count, long elapsedMicros) {
        double throughput = (double) count / (double) Math.max(1, elapsedMicros) * 1000000;
        double megabits = throughput * size * 8 / 1000000;
        out.println("message size: " + (int) size + " [B]");
        out.println("message count: " + count);
        out.println("mean throughput: " + (int) throughput + " [msg/s]");
        out.println(String.format(Locale.ROOT, "mean throughput: %.3f [Mb/s]", megabits));
    }

    /** {@code inproc_thr}'s header lines, printed before its first message arrives. */
    public static void inprocHeader(PrintStream out, long size, int count) {
        out.println("message size: " + (int) size + " [B]");
        out.println("message count: " + count);
    }

    /** {@code inproc_thr}'s result lines: {@code inproc_thr.cpp} truncates the rate before the Mb/s. */
    public static void inprocThroughput(PrintStream out, long size, int count, long elapsedMicros) {
        long throughput = (long) ((double) count / (double) Math.max(1, elapsedMicros) * 1000000);
        double megabits = (double) (throughput * size * 8) / 1000000;
        out.println("mean throughput: " + (int) throughput + " [msg/s]");
        out.println(String.format(Locale.ROOT, "mean throughput: %.3f [Mb/s]", megabits));
    }

    /** The header lines of {@code remote_lat} and {@code inproc_lat}. */
    public static void latencyHeader(PrintStream out, long size, int roundTrips) {
        out.println("message size: " + (int) size + " [B]");
        out.println("roundtrip count: " + roundTrips);
    }

    /** The latency line: one-way latency as round trip / 2, in microseconds. */
    public static void latency(PrintStream out, int roundTrips, long elapsedMicros) {
        out.println(String.format(Locale.ROOT, "average latency: %.3f [us]", (double) elapsedMicros / (roundTrips * 2.0)));
    }

    /** libzmq's {@code atoi}: leading digits (with an optional sign), 0 when there are none. */
    public static int atoi(String text) {
        String trimmed = text.strip();
        int end = 0;
        if (end < trimmed.length() && (trimmed.charAt(end) == '-' || trimmed.charAt(end) == '+')) {
            end++;
        }
        while (end < trimmed.length() && Character.isDigit(trimmed.charAt(end))) {
            end++;
        }
        try {
            return Integer.parseInt(trimmed.substring(0, end));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Writes round-trip times (nanoseconds, one per line) for the benchmark's percentiles. */
    public static void writeRoundTrips(Path file, long[] nanos, int count) {
        StringBuilder text = new StringBuilder(count * 8);
        for (int i = 0; i < count; i++) {
            text.append(nanos[i]).append('\n');
        }
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write round-trip times to " + file, e);
        }
    }
}
