package io.github.zmqffm.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs one case of one implementation as libzmq's tools are run: for tcp and ipc, {@code local_*} (binding)
 * and then {@code remote_*} (connecting) as two processes; for inproc, {@code inproc_*} alone. Every process is
 * bounded in time and ended by its PID in all cases.
 */
final class Runner {

    private static final Pattern MSG_PER_SECOND = Pattern.compile("mean throughput: (\\d+) \\[msg/s\\]");
    private static final Pattern MEAN_LATENCY = Pattern.compile("average latency: ([0-9.]+) \\[us\\]");

    /** A tool that did not finish in time (killed); the run may be retried. */
    static final class Hung extends IOException {
        private static final long serialVersionUID = 1L;

        Hung(String message) {
            super(message);
        }
    }

    /**
     * A measurement: msg/s for throughput, mean one-way microseconds for latency (with round trips, in ns); for a
     * throughput pair, the CPU seconds (user + system) each process used in all, else NaN.
     */
    record Sample(double value, long[] roundTripNanos, double localCpuSeconds, double remoteCpuSeconds) {
        Sample(double value, long[] roundTripNanos) {
            this(value, roundTripNanos, Double.NaN, Double.NaN);
        }
    }

    /** What a throughput pair printed on its measuring side, and the CPU time of each side. */
    private record PairOutput(String output, double localCpuSeconds, double remoteCpuSeconds) {}

    private static final long AFTER_PEER_SECONDS = 15;

    private final Path work;
    private final long timeoutSeconds;
    private final Path cpuTimer;
    private int runs;
    private int children;

    /** {@code cpuTimer}: the {@code cputime} wrapper that measures each throughput pair's CPU time, or null. */
    Runner(Path work, long timeoutSeconds, Path cpuTimer) {
        this.work = work;
        this.timeoutSeconds = timeoutSeconds;
        this.cpuTimer = cpuTimer;
    }

    Sample run(Impl impl, Case c) throws IOException, InterruptedException {
        String run = "run" + (++runs);
        List<String> sizeAndCount = List.of("" + c.size(), "" + c.count());
        Path roundTrips = work.resolve(run + ".round-trips");
        String output;
        if (c.transport().equals("inproc")) {
            String tool = c.latency() ? "inproc_lat" : "inproc_thr";
            output = c.latency() ? finish(start(impl.recordingCommand(tool, sizeAndCount, roundTrips)), timeoutSeconds)
                    : finish(start(impl.command(tool, sizeAndCount)), timeoutSeconds);
        } else if (!c.latency()) {
            PairOutput pair = throughputPair(impl, c, run);
            return new Sample(Double.parseDouble(find(MSG_PER_SECOND, pair.output())), null, pair.localCpuSeconds(),
                    pair.remoteCpuSeconds());
        } else {
            output = pair(impl, c, run, roundTrips, null);
        }
        if (!c.latency()) {
            return new Sample(Double.parseDouble(find(MSG_PER_SECOND, output)), null);
        }
        long[] nanos = Files.readAllLines(roundTrips).stream().mapToLong(Long::parseLong).toArray();
        Files.deleteIfExists(roundTrips);
        return new Sample(Double.parseDouble(find(MEAN_LATENCY, output)), nanos);
    }

    /** Runs one process to its end (bounded by the timeout) and returns what it printed. */
    String output(List<String> command) throws IOException, InterruptedException {
        runs++;
        return finish(start(command), timeoutSeconds);
    }

    /**
     * local_thr and remote_thr, each under the CPU timer when there is one. A side's CPU time is its total
     * (wait4) minus what it had used once ready: bound (local) or connected (remote), i.e. after its start-up.
     */
    private PairOutput throughputPair(Impl impl, Case c, String run) throws IOException, InterruptedException {
        if (cpuTimer == null) {
            return new PairOutput(pair(impl, c, run, null, null), Double.NaN, Double.NaN);
        }
        CpuMeter meter = new CpuMeter(work.resolve(run + ".local.cpu"), work.resolve(run + ".remote.cpu"));
        String output = pair(impl, c, run, null, meter);
        return new PairOutput(output, cpuSeconds(meter.localFile) - meter.localReady,
                cpuSeconds(meter.remoteFile) - meter.remoteReady);
    }

    /** Where a pair's wrapped tools write their CPU time, and what each had used when ready (seconds). */
    private static final class CpuMeter {
        final Path localFile;
        final Path remoteFile;
        double localReady;
        double remoteReady = Double.NaN;

        CpuMeter(Path localFile, Path remoteFile) {
            this.localFile = localFile;
            this.remoteFile = remoteFile;
        }
    }

    /** The {@code cputime} wrapper's "user_us sys_us", as seconds in all. */
    private static double cpuSeconds(Path file) throws IOException {
        String[] fields = Files.readString(file).strip().split(" ");
        Files.deleteIfExists(file);
        return (Long.parseLong(fields[0]) + Long.parseLong(fields[1])) / 1e6;
    }

    /** The CPU time the tool under a running wrapper has used so far (/proc, 10 ms resolution), in seconds. */
    private static double cpuSecondsSoFar(ProcessHandle wrapper) {
        return wrapper.descendants()
                .mapToDouble(p -> p.info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(0.0)).sum();
    }

    /**
     * Waits (polling, bounded) until the remote tool has connected and returns the CPU time it had used then,
     * or NaN if it ended first.
     */
    private double awaitConnected(Child remote) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (System.nanoTime() < deadline && remote.process().isAlive()) {
            if (ProcSockets.connected(remote.process().toHandle())) {
                return cpuSecondsSoFar(remote.process().toHandle());
            }
            Thread.sleep(1);
        }
        return Double.NaN;
    }

    /**
     * local_* then remote_*, each under the CPU timer if {@code meter} is not null; returns what the measuring
     * side (local_thr, remote_lat) printed.
     */
    private String pair(Impl impl, Case c, String run, Path roundTrips, CpuMeter meter)
            throws IOException, InterruptedException {
        int port = c.transport().equals("tcp") ? freePort() : 0;
        Path ipc = work.resolve(run + ".ipc");
        String endpoint = port > 0 ? "tcp://127.0.0.1:" + port : "ipc://" + ipc;
        List<String> args = List.of(endpoint, "" + c.size(), "" + c.count());
        Child local = start(timed(meter == null ? null : meter.localFile,
                impl.command(c.latency() ? "local_lat" : "local_thr", args)));
        Child remote = null;
        try {
            awaitBound(local, ipc);
            if (meter != null) {
                meter.localReady = cpuSecondsSoFar(local.process().toHandle());
            }
            remote = start(timed(meter == null ? null : meter.remoteFile, c.latency()
                    ? impl.recordingCommand("remote_lat", args, roundTrips) : impl.command("remote_thr", args)));
            if (meter != null) {
                meter.remoteReady = awaitConnected(remote);
            }
            String remoteOutput = finish(remote, timeoutSeconds);
            // Once the sender is done, the receiver has only its socket buffer left to drain: it must finish soon.
            // (Over ipc, libzmq's own C local_thr now and then waits forever for a last message that C remote_thr
            // counted as sent; such a run is retried.)
            String localOutput = finish(local, AFTER_PEER_SECONDS);
            return c.latency() ? remoteOutput : localOutput;
        } finally {
            kill(local.process());
            if (remote != null) {
                kill(remote.process());
            }
            Files.deleteIfExists(ipc);
        }
    }

    /** The command under the CPU timer writing to {@code file}, or as it is if {@code file} is null. */
    private List<String> timed(Path file, List<String> command) {
        if (file == null) {
            return command;
        }
        List<String> all = new ArrayList<>(List.of(cpuTimer.toString(), file.toString()));
        all.addAll(command);
        return all;
    }

    /** Ends a process we started and anything it started (a wrapped tool), by PID. */
    private static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    /** A started tool and the file its output goes to (a file, so a chatty tool never blocks on a pipe). */
    private record Child(Process process, Path output) {
        String printed() throws IOException {
            return Files.exists(output) ? Files.readString(output, StandardCharsets.UTF_8) : "";
        }
    }

    private Child start(List<String> command) throws IOException {
        Path output = work.resolve("run" + runs + "-" + (++children) + ".out");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        return new Child(process, output);
    }

    /** Waits (bounded) for the tool, kills it if it overruns, and returns what it printed. */
    private String finish(Child child, long seconds) throws IOException, InterruptedException {
        Process process = child.process();
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            kill(process);
            throw new Hung("process " + process.pid() + " did not finish within " + seconds + " s: " + child.printed());
        }
        String output = child.printed();
        Files.deleteIfExists(child.output());
        if (process.exitValue() != 0) {
            throw new IOException(process.info().command().orElse("process") + " exited with "
                    + process.exitValue() + ": " + output);
        }
        return output;
    }

    /**
     * Remote tools connect only once the local one listens, so no reconnect interval lands in the timing: the ipc
     * file exists, or the local process owns a listening TCP socket (tcp; and JeroMQ's ipc, which is TCP loopback).
     */
    private void awaitBound(Child local, Path ipc) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (System.nanoTime() < deadline && local.process().isAlive()) {
            if (Files.exists(ipc) || ProcSockets.listens(local.process().toHandle())) {
                return;
            }
            Thread.sleep(20);
        }
        throw new IOException("the local tool did not bind within " + timeoutSeconds + " s: " + local.printed());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    static String find(Pattern pattern, String output) throws IOException {
        Matcher matcher = pattern.matcher(output);
        if (!matcher.find()) {
            throw new IOException("no '" + pattern + "' in: " + output);
        }
        return matcher.group(1);
    }
}
