package io.github.zmqffm.interop;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A peer process of the interop tests: a C program from {@code src/test/c} (built into {@code target/c-peers})
 * or a pyzmq script from {@code src/test/python}, started with a command line. Its stdout is read line by line
 * with timeouts; {@link #close()} ends it by its PID, so use it in try-with-resources.
 */
final class Peer implements AutoCloseable {

    /** The implementation on the other side. */
    enum Lang {
        C, PYTHON;

        @Override
        public String toString() {
            return this == C ? "C" : "Python";
        }
    }

    /** How long a peer may take to print its next line (its own receive timeouts are 10 s). */
    static final Duration LINE_TIMEOUT = Duration.ofSeconds(15);
    private static final Path BASEDIR = Path.of(System.getProperty("basedir", "."));
    private static final String EOF = new String("end of output"); // a unique sentinel, compared by identity

    private final Process process;
    private final String command;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final StringBuffer stderr = new StringBuffer();
    private final Writer stdin;
    private final Thread stderrReader;

    private Peer(Process process, String command) {
        this.process = process;
        this.command = command;
        this.stdin = process.outputWriter(StandardCharsets.UTF_8);
        drain(process.getInputStream(), "stdout", line -> lines.add(line), () -> lines.add(EOF));
        this.stderrReader = drain(process.getErrorStream(), "stderr", line -> stderr.append(line).append('\n'), () -> {});
    }

    /** Starts {@code program} ({@code reqrep}, {@code pubsub}, ...) of the given language with its arguments. */
    static Peer start(Lang lang, String program, String... args) {
        List<String> command = new ArrayList<>();
        if (lang == Lang.C) {
            Path binary = BASEDIR.resolve("target/c-peers").resolve(program);
            if (!Files.isExecutable(binary)) {
                throw new AssertionError("C peer " + binary + " is missing: the build makes it in process-test-classes"
                        + " (src/test/c/build)");
            }
            command.add(binary.toString());
        } else {
            command.add(PythonPeers.interpreter());
            command.add("-B"); // no __pycache__ in the source tree
            command.add(BASEDIR.resolve("src/test/python").resolve(program + ".py").toString());
        }
        command.addAll(List.of(args));
        try {
            return new Peer(new ProcessBuilder(command).start(), String.join(" ", command));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
    }

    /** The next line; fails the test if none comes within {@link #LINE_TIMEOUT} or the peer ended. */
    String nextLine() {
        String line = pollLine(LINE_TIMEOUT);
        if (line == null) {
            throw failure("printed no line within " + LINE_TIMEOUT.toSeconds() + " s");
        }
        return line;
    }

    /** The next line, or null if none comes within {@code timeout}; fails the test if the peer ended. */
    String pollLine(Duration timeout) {
        String line;
        try {
            line = lines.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
        if (line == EOF) {
            lines.add(EOF); // keep reporting the end to later calls
            throw failure("ended its output");
        }
        return line;
    }

    /** The rest of the next line, which must start with {@code prefix}. */
    String expect(String prefix) {
        String line = nextLine();
        if (!line.startsWith(prefix)) {
            throw failure("printed '" + line + "' where '" + prefix + "...' was expected");
        }
        return line.substring(prefix.length());
    }

    /** Waits for the peer's {@code READY <endpoint>} line and returns the endpoint it bound or connected. */
    String ready() {
        return expect("READY ");
    }

    /** The next {@code count} lines. */
    List<String> lines(int count) {
        List<String> result = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            result.add(nextLine());
        }
        return result;
    }

    /** Writes a line to the peer's stdin. */
    void writeLine(String line) {
        try {
            stdin.write(line + "\n");
            stdin.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to " + command, e);
        }
    }

    /** Waits (bounded) for the peer to exit and asserts its exit code (0 success, 3 timed out waiting). */
    void assertExit(int expected) {
        try {
            if (!process.waitFor(LINE_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                throw failure("did not exit within " + LINE_TIMEOUT.toSeconds() + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
        if (process.exitValue() != expected) {
            throw failure("exited with " + process.exitValue() + ", expected " + expected);
        }
    }

    /** Ends the process by its PID (SIGTERM, then SIGKILL after 2 s) if it still runs. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(2, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(2, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private AssertionError failure(String what) {
        try {
            // A peer that failed usually says why on stderr just before exiting: give that a moment to arrive.
            if (process.waitFor(1, TimeUnit.SECONDS)) {
                stderrReader.join(1000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        String status = process.isAlive() ? "still running" : "exit code " + process.exitValue();
        return new AssertionError("peer [" + command + "] (pid " + process.pid() + ", " + status + ") " + what
                + (stderr.isEmpty() ? "" : "; its stderr:\n" + stderr));
    }

    /** Reads a stream line by line on a daemon thread, so a chatty peer never blocks on a full pipe. */
    private Thread drain(InputStream stream, String name, Consumer<String> sink, Runnable atEnd) {
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    sink.accept(line);
                }
            } catch (IOException e) {
                // The process was destroyed while we read: its output ends here.
            } finally {
                atEnd.run();
            }
        }, "peer-" + process.pid() + "-" + name);
        reader.setDaemon(true);
        reader.start();
        return reader;
    }

    @Override
    public String toString() {
        return command;
    }
}
