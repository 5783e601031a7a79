package io.github.zmqffm.tools;

import io.github.zmqffm.ChildJvm;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A {@code zmqffm} command running in a child JVM, its stdout read line by line; close() destroys it. */
final class DeviceProcess implements AutoCloseable {

    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final CompletableFuture<String> stderr;
    private volatile boolean endOfOutput;
    private final List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();

    DeviceProcess(String... args) throws IOException {
        process = ChildJvm.start(List.of(), Main.class, args);
        Thread.ofPlatform().daemon().start(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    lines.add(line);
                }
            } catch (IOException e) {
                // the process ended
            }
            endOfOutput = true;
        });
        stderr = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, task -> Thread.ofPlatform().daemon().start(task));
    }

    /** The next stdout line that matches, waiting at most {@code seconds}; fails with what stderr said. */
    String awaitLine(Predicate<String> wanted, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            String line = lines.poll(100, TimeUnit.MILLISECONDS);
            if (line != null) {
                seen.add(line);
            }
            if (line != null && wanted.test(line)) {
                return line;
            }
            if (line == null && endOfOutput && lines.isEmpty()) {
                break;
            }
        }
        throw new AssertionError("no matching line within " + seconds + " s after " + seen + "; alive=" + process.isAlive()
                + "; stderr: " + (process.isAlive() ? "(running)" : stderr.join()));
    }

    /**
     * Sends SIGTERM and waits at most 20 s; returns the exit code. Through the process handle: Process.destroy()
     * would also close our end of its stdout, and the lines it prints while stopping would be lost.
     */
    int terminate() throws InterruptedException {
        process.toHandle().destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            throw new AssertionError("the device did not stop within 20 s of SIGTERM");
        }
        return process.exitValue();
    }

    String stderr() {
        return stderr.join();
    }

    Process process() {
        return process;
    }

    /** A string field of a JSON line ({@code null} when the field is JSON null). */
    static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":(null|\"([^\"]*)\")").matcher(json);
        if (!m.find()) {
            throw new AssertionError("no field " + name + " in " + json);
        }
        return m.group(2);
    }

    /** A counter of one side ("frontend" or "backend") of a statistics line. */
    static long counter(String json, String side, String name) {
        Matcher m = Pattern.compile("\"" + side + "\":\\{[^}]*\"" + name + "\":(\\d+)").matcher(json);
        if (!m.find()) {
            throw new AssertionError("no " + side + "." + name + " in " + json);
        }
        return Long.parseLong(m.group(1));
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
