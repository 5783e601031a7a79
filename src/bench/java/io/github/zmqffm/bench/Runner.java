package io.github.zmqffm.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

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

    /** A measurement: msg/s for throughput, mean one-way microseconds for latency (with round trips, in ns). */
    record Sample(double value, long[] roundTripNanos) {}

    private static final long AFTER_PEER_SECONDS = 15;

    private final Path work;
    private final long timeoutSeconds;
    private int runs;
    private int children;

    Runner(Path work, long timeoutSeconds) {
        this.work = work;
        this.timeoutSeconds = timeoutSeconds;
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
        } else {
            output = pair(impl, c, run, roundTrips);
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

    /** local_* then remote_*; returns what the measuring side (local_thr, remote_lat) printed. */
    private String pair(Impl impl, Case c, String run, Path roundTrips) throws IOException, InterruptedException {
        int port = c.transport().equals("tcp") ? freePort() : 0;
        Path ipc = work.resolve(run + ".ipc");
        String endpoint = port > 0 ? "tcp://127.0.0.1:" + port : "ipc://" + ipc;
        List<String> args = List.of(endpoint, "" + c.size(), "" + c.count());
        Child local = start(impl.command(c.latency() ? "local_lat" : "local_thr", args));
        Child remote = null;
        try {
            awaitBound(local, ipc);
            remote = start(c.latency() ? impl.recordingCommand("remote_lat", args, roundTrips)
                    : impl.command("remote_thr", args));
            String remoteOutput = finish(remote, timeoutSeconds);
            // Once the sender is done, the receiver has only its socket buffer left to drain: it must finish soon.
            // (Over ipc, libzmq's own C local_thr now and then waits forever for a last message that C remote_thr
            // counted as sent; such a run is retried.)
            String localOutput = finish(local, AFTER_PEER_SECONDS);
            return c.latency() ? remoteOutput : localOutput;
        } finally {
            local.process().destroyForcibly();
            if (remote != null) {
                remote.process().destroyForcibly();
            }
            Files.deleteIfExists(ipc);
        }
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
            process.destroyForcibly();
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
            if (Files.exists(ipc) || listensOnTcp(local.process().pid())) {
                return;
            }
            Thread.sleep(20);
        }
        throw new IOException("the local tool did not bind within " + timeoutSeconds + " s: " + local.printed());
    }

    /** Whether the process has a TCP socket in state LISTEN (Linux /proc: its fds' inodes against net/tcp*). */
    private static boolean listensOnTcp(long pid) throws IOException {
        Set<String> listening = new HashSet<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            for (String line : Files.readAllLines(Path.of(table))) {
                String[] fields = line.strip().split("\\s+"); // sl local rem st ... inode
                if (fields.length > 9 && fields[3].equals("0A")) {
                    listening.add("socket:[" + fields[9] + "]");
                }
            }
        }
        try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            return fds.anyMatch(fd -> {
                try {
                    return listening.contains(Files.readSymbolicLink(fd).toString());
                } catch (IOException e) {
                    return false; // closed meanwhile
                }
            });
        } catch (java.nio.file.NoSuchFileException e) {
            return false; // exited meanwhile
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static String find(Pattern pattern, String output) throws IOException {
        Matcher matcher = pattern.matcher(output);
        if (!matcher.find()) {
            throw new IOException("no '" + pattern + "' in: " + output);
        }
        return matcher.group(1);
    }
}
