package io.github.zmqffm.faults;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A {@link NetnsPeer} in a child JVM, inside a namespace: its stdout lines are queued as they come; stderr goes to
 * a file kept for failure messages. {@link #kill()} is SIGKILL; {@link #close()} kills it too.
 */
final class PeerProcess implements AutoCloseable {

    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final Path stderr;
    private volatile boolean ended;

    private PeerProcess(Process process, Path stderr) {
        this.process = process;
        this.stderr = stderr;
        Thread.ofPlatform().daemon().name("peer-" + process.pid() + "-stdout").start(() -> {
            try (BufferedReader out = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    lines.add(line);
                }
            } catch (IOException e) {
                // killed
            }
            ended = true;
        });
    }

    /** Starts {@code NetnsPeer args...} inside {@code namespace} and waits (at most 60 s) for its "ready". */
    static PeerProcess start(NetNamespace namespace, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-Xmx64m", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), NetnsPeer.class.getName()));
        command.addAll(List.of(args));
        Path stderr = Files.createTempFile("netns-peer", ".err");
        Process process = new ProcessBuilder(namespace.inside(command)).redirectError(stderr.toFile()).start();
        PeerProcess peer = new PeerProcess(process, stderr);
        try {
            peer.awaitLine("ready", 60);
        } catch (AssertionError e) {
            peer.close();
            throw e;
        }
        return peer;
    }

    /** The next line, waiting at most {@code seconds}; null if none came (or the process ended). */
    String nextLine(double seconds) throws InterruptedException {
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        while (System.nanoTime() < deadline) {
            String line = lines.poll(20, TimeUnit.MILLISECONDS);
            if (line != null) {
                return line;
            }
            if (ended && lines.isEmpty()) {
                return null;
            }
        }
        return null;
    }

    /** Waits for a line equal to {@code wanted}, skipping others; fails with the peer's stderr. */
    void awaitLine(String wanted, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            String line = nextLine(0.1);
            if (wanted.equals(line)) {
                return;
            }
            if (line == null && ended) {
                break;
            }
        }
        throw new AssertionError("the peer did not print '" + wanted + "' within " + seconds + " s; alive="
                + process.isAlive() + "; stderr: " + stderrText());
    }

    long pid() {
        return process.pid();
    }

    /** SIGKILL, then waits for the process to be gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    String stderrText() {
        try {
            return Files.readString(stderr);
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    /** {@link #kill()}s the peer; if interrupted meanwhile, keeps the thread's interrupt status for its caller. */
    @Override
    public void close() {
        try {
            kill();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            Files.deleteIfExists(stderr);
        } catch (IOException e) {
            // a temporary file: harmless
        }
    }
}
