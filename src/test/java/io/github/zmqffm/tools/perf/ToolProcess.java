package io.github.zmqffm.tools.perf;

import io.github.zmqffm.ChildJvm;
import io.github.zmqffm.tools.Main;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A perf tool running as a child process (libzmq's C binary or {@code zmqffm perf} in a child JVM). */
final class ToolProcess implements AutoCloseable {

    private static final Path BIN = Path.of(System.getProperty("zmqffm.test.prefix", "target/libzmq/prefix"), "bin");
    private static final long TIMEOUT_SECONDS = 60;

    /** What a finished tool printed on standard output, line by line, and its exit code. */
    record Output(int exitCode, List<String> lines, String stderr) {}

    private final Process process;
    private final CompletableFuture<String> stdout;
    private final BlockingQueue<String> stderrLines = new LinkedBlockingQueue<>();
    private final CompletableFuture<String> stderr;

    private ToolProcess(Process process) {
        this.process = process;
        // Own threads, not the common pool: on 2 cores it has a single thread, and both readers block.
        this.stdout = reader(() -> readAll(process.getInputStream()));
        this.stderr = reader(this::drainStderr);
    }

    /** libzmq's own tool, as the build produced it. */
    static ToolProcess c(String tool, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(BIN.resolve(tool).toString());
        command.addAll(List.of(args));
        return new ToolProcess(new ProcessBuilder(command).start());
    }

    /** {@code zmqffm perf <tool> args} in a child JVM on this test's class path. */
    static ToolProcess java(String tool, String... args) throws IOException {
        List<String> arguments = new ArrayList<>(List.of("perf", tool));
        arguments.addAll(List.of(args));
        return new ToolProcess(ChildJvm.start(List.of(), Main.class, arguments.toArray(String[]::new)));
    }

    /** Waits (bounded) for the {@code bound to <endpoint>} line a wildcard bind prints; returns the endpoint. */
    String boundEndpoint() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (System.nanoTime() < deadline) {
            String line = stderrLines.poll(100, TimeUnit.MILLISECONDS);
            if (line != null && line.startsWith("bound to ")) {
                return line.substring("bound to ".length());
            }
            if (line == null && !process.isAlive() && stderrLines.isEmpty()) {
                break;
            }
        }
        throw new AssertionError("no 'bound to' line from the tool; stderr so far: " + stderrLines);
    }

    /** Waits at most 60 s for the tool to exit (killing it otherwise) and returns what it printed. */
    Output finish() throws InterruptedException {
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("perf tool " + process.pid() + " did not finish within " + TIMEOUT_SECONDS + " s");
        }
        List<String> lines = stdout.join().lines().toList();
        return new Output(process.exitValue(), lines, stderr.join());
    }

    @Override
    public void close() {
        process.destroy();
    }

    private static CompletableFuture<String> reader(java.util.function.Supplier<String> read) {
        CompletableFuture<String> result = new CompletableFuture<>();
        Thread.ofPlatform().daemon().start(() -> {
            try {
                result.complete(read.get());
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    private String drainStderr() {
        StringBuilder all = new StringBuilder();
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                stderrLines.add(line);
                all.append(line).append('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return all.toString();
    }

    private static String readAll(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
