package io.github.zmqffm;

import org.junit.jupiter.api.Assumptions;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Starts a second JVM on this test's class path, for what only a fresh JVM can show (loading libzmq). */
public final class ChildJvm {

    /** What a finished child printed and how it exited. */
    public record Result(int exitCode, String stdout, String stderr) {}

    private ChildJvm() {}

    /** Starts {@code mainClass} with the given {@code -D} options and arguments on this test's class path. */
    public static Process start(List<String> jvmOptions, Class<?> mainClass, String... args) throws IOException {
        return start(System.getProperty("java.class.path"), jvmOptions, mainClass.getName(), args);
    }

    /** Like {@link #start(List, Class, String...)}, but the class path gets no native access. */
    public static Process startWithoutNativeAccess(List<String> jvmOptions, Class<?> mainClass, String... args)
            throws IOException {
        return start(System.getProperty("java.class.path"), false, jvmOptions, mainClass.getName(), args);
    }

    /** Starts {@code mainClass} on an explicit class path. */
    public static Process start(String classPath, List<String> jvmOptions, String mainClass, String... args)
            throws IOException {
        return start(classPath, true, jvmOptions, mainClass, args);
    }

    private static Process start(String classPath, boolean nativeAccess, List<String> jvmOptions, String mainClass,
                                 String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        if (nativeAccess) {
            command.add("--enable-native-access=ALL-UNNAMED");
        }
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(classPath);
        command.add(mainClass);
        command.addAll(List.of(args));
        return new ProcessBuilder(command).start();
    }

    /** This test's class path without the native classifier resources: a JVM on it falls back to a system libzmq. */
    public static String classPathWithoutBundledLibrary() {
        String classPath = Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.endsWith("classifier"))
                .collect(Collectors.joining(File.pathSeparator));
        // Surefire may hand the class path over in a manifest-only jar; then it cannot be filtered here.
        Assumptions.assumeFalse(classPath.contains("surefirebooter"), "manifest-only class path");
        return classPath;
    }

    /** Waits at most 60 s for the child, killing it (and failing) if it takes longer. */
    public static Result finish(Process process) throws IOException, InterruptedException {
        return finish(process, java.time.Duration.ofSeconds(60));
    }

    /** Waits at most {@code limit} for the child, killing it (and failing) if it takes longer. */
    public static Result finish(Process process, java.time.Duration limit) throws IOException, InterruptedException {
        // Drain both pipes while waiting so a chatty child cannot block on a full pipe.
        CompletableFuture<String> out = readAsync(process.getInputStream());
        CompletableFuture<String> err = readAsync(process.getErrorStream());
        if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("child JVM " + process.pid() + " did not finish within " + limit);
        }
        return new Result(process.exitValue(), out.join(), err.join());
    }

    private static CompletableFuture<String> readAsync(InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            try (in) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
