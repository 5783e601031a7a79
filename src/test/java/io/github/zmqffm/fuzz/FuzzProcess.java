package io.github.zmqffm.fuzz;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The parent's end of one {@link FuzzChild} JVM: sends it a sequence, waits for the outcome, and turns the child's
 * death (crash, abort) or silence (hang) into an outcome too. Starts a fresh child when needed: at first, after a
 * death, and every {@code recycleEvery} sequences so that state leaked by earlier ones stays bounded. The children
 * write hs_err files into the given directory (under target/), never into the working directory.
 */
final class FuzzProcess implements AutoCloseable {

    private static final String EOF = "\u0000EOF";
    /** Numbers the children of this parent JVM, for their work directories. */
    private static final java.util.concurrent.atomic.AtomicInteger CHILDREN = new java.util.concurrent.atomic.AtomicInteger();
    private static final int STDERR_LINES = 400;

    private final Path errorDirectory;
    private final Path workDirectory;
    private final long budgetMillis;
    private final int recycleEvery;
    private Process process;
    private Writer stdin;
    private BlockingQueue<String> stdout;
    private ArrayDeque<String> stderr;
    private Thread stderrReader;
    private int served;
    private long ids;
    /** Children started so far, and the time the children spent in sequences (their own measure), for the report. */
    int starts;
    long sequenceMillis;
    /** How long the last sequence took inside the child (0 if it died). */
    long lastMillis;

    FuzzProcess(Path errorDirectory, Path workDirectory, long budgetMillis, int recycleEvery) {
        this.errorDirectory = errorDirectory;
        this.workDirectory = workDirectory;
        this.budgetMillis = budgetMillis;
        this.recycleEvery = recycleEvery;
    }

    /** Runs one sequence in the child and returns how it ended; never throws for what the child did. */
    Outcome run(Sequence sequence) {
        try {
            if (process != null && served >= recycleEvery) {
                close();
            }
            if (process == null) {
                start();
            }
            served++;
            lastMillis = 0;
            String id = Long.toString(++ids);
            stdin.write("SEQ " + id + "\n" + sequence.text() + "END\n");
            stdin.flush();
            Outcome outcome = await(id);
            if (outcome.failed()) {
                // A sequence that failed may have corrupted the heap (a write through a stale view...): the next
                // one gets a fresh JVM, so that a failure is never blamed on the sequence after it.
                close();
            }
            return outcome;
        } catch (IOException e) {
            return death();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private Outcome await(String id) throws InterruptedException {
        // The child's own watchdog answers a hang after budgetMillis; this is the backstop if it cannot.
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(budgetMillis + 20_000);
        for (;;) {
            String line = stdout.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null) {
                List<String> tail = stderrTail();
                process.destroyForcibly();
                close();
                return new Outcome(Outcome.Kind.HANG, "child unresponsive (watchdog could not answer)",
                        "no answer within " + (budgetMillis + 20_000) + " ms; stderr ends:\n" + String.join("\n", tail));
            } else if (line.equals(EOF)) {
                return death();
            } else if (line.startsWith("DONE " + id + " ")) {
                String rest = line.substring(("DONE " + id + " ").length());
                lastMillis = Long.parseLong(rest.substring(0, rest.indexOf(' ')));
                sequenceMillis += lastMillis;
                Outcome outcome = Outcome.decode(rest.substring(rest.indexOf(' ') + 1));
                if (outcome.kind() == Outcome.Kind.HANG) {
                    death(); // the child halts after a hang: collect it
                }
                return outcome;
            }
            // anything else on stdout was written by native code that took over the pipe: ignore it
        }
    }

    private void start() throws IOException {
        Files.createDirectories(errorDirectory);
        Path work = workDirectory.resolve(ProcessHandle.current().pid() + "-" + CHILDREN.incrementAndGet());
        starts++;
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED",
                "-XX:ErrorFile=" + errorDirectory.resolve("hs_err_pid%p.log"),
                "-XX:-CreateCoredumpOnCrash",
                "-Xmx384m",
                "-cp", System.getProperty("java.class.path"),
                FuzzChild.class.getName(), work.toString(), Long.toString(budgetMillis)));
        ProcessBuilder builder = new ProcessBuilder(command);
        // glibc raises its mmap threshold as large blocks are freed; fixed at 128 KiB, a large message's memory is
        // always unmapped when freed, so that reading it afterwards faults instead of silently reading garbage.
        builder.environment().put("MALLOC_MMAP_THRESHOLD_", "131072");
        process = builder.start();
        stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        stdout = new LinkedBlockingQueue<>();
        stderr = new ArrayDeque<>();
        Thread.ofPlatform().daemon().name("fuzz-stdout").start(() -> pump(process.getInputStream(), stdout));
        ArrayDeque<String> errors = stderr;
        stderrReader = Thread.ofPlatform().daemon().name("fuzz-stderr").start(() -> drain(process.getErrorStream(),
                errors));
        served = 0;
        try {
            String ready = stdout.poll(60, TimeUnit.SECONDS);
            if (ready == null || !ready.startsWith("READY")) {
                throw new IOException("the fuzz child did not start: " + ready + "\n" + String.join("\n", stderrTail()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    /** The child died: wait for it, then read the hs_err file or its last words. */
    private Outcome death() {
        Process dead = process;
        process = null;
        if (dead == null) {
            return new Outcome(Outcome.Kind.LOST, "no child", "");
        }
        try {
            if (!dead.waitFor(30, TimeUnit.SECONDS)) {
                dead.destroyForcibly();
                dead.waitFor(10, TimeUnit.SECONDS);
            }
            stderrReader.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        int exit = dead.isAlive() ? -1 : dead.exitValue();
        return Crashes.describe(exit, errorDirectory.resolve("hs_err_pid" + dead.pid() + ".log"), stderrTail());
    }

    private List<String> stderrTail() {
        synchronized (stderr) {
            return new ArrayList<>(stderr);
        }
    }

    private static void pump(InputStream in, BlockingQueue<String> lines) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line; (line = reader.readLine()) != null; ) {
                lines.add(line);
            }
        } catch (IOException e) {
            // the child is gone
        } finally {
            lines.add(EOF);
        }
    }

    private static void drain(InputStream in, ArrayDeque<String> lines) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line; (line = reader.readLine()) != null; ) {
                synchronized (lines) {
                    if (lines.size() == STDERR_LINES) {
                        lines.removeFirst();
                    }
                    lines.addLast(line);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Ends the child (asks it to quit, then kills it after 10 s). */
    @Override
    public void close() {
        Process child = process;
        process = null;
        if (child == null) {
            return;
        }
        try {
            stdin.write("QUIT\n");
            stdin.close();
        } catch (IOException e) {
            // already gone
        }
        try {
            if (!child.waitFor(10, TimeUnit.SECONDS)) {
                child.destroyForcibly();
                child.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            child.destroyForcibly();
        }
    }
}
