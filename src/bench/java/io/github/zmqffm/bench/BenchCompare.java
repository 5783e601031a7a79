package io.github.zmqffm.bench;

import io.github.zmqffm.Zmq;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;

/**
 * The side-by-side comparison behind {@code scripts/bench-compare}: libzmq's C perf tools, zmq-ffm, JeroMQ and
 * jzmq, on this machine, in one run, interleaved (for each case the implementations take turns, in a rotating
 * order, repetition after repetition) and repeated; medians are reported. Writes a Markdown table and a PNG
 * chart to the output directory and shows progress on stderr. Speeds are reported, never asserted.
 */
@Command(name = "bench-compare", mixinStandardHelpOptions = true,
        description = "Throughput and latency of libzmq's C perf tools, zmq-ffm, JeroMQ and jzmq, side by side.")
public final class BenchCompare implements Callable<Integer> {

    private int retries;

    @Option(names = "--quick", description = "tiny counts and one repetition: proves it all runs (CI smoke test)")
    private boolean quick;

    @Option(names = "--repetitions", defaultValue = "5", description = "runs per implementation and case (median)")
    private int repetitions;

    @Option(names = "--scale", defaultValue = "1", description = "multiply every message/round-trip count")
    private double scale;

    @Option(names = "--only", description = "only cases whose label matches this regex, e.g. 'throughput tcp 64 B'")
    private Pattern only;

    @Option(names = "--root", defaultValue = ".", description = "the built project")
    private Path root;

    @Option(names = "--out", defaultValue = "target/bench", description = "where the table and chart go")
    private Path out;

    @Option(names = "--java", defaultValue = "java", description = "the JDK 25 java for the Java implementations")
    private String java;

    /** Runs the comparison; exits non-zero if any run failed. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new BenchCompare()).execute(args));
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        int reps = quick ? 1 : repetitions;
        List<Impl> impls = Impl.available(root.toAbsolutePath(), java);
        List<Case> cases = Case.matrix(quick, scale).stream()
                .filter(c -> only == null || only.matcher(c.label()).find()).toList();
        Files.createDirectories(out);
        Path work = Files.createTempDirectory("zmqffm-bench");
        String loadBefore = loadAverage();
        Results results = new Results();
        Runner runner = new Runner(work, quick ? 60 : 600);
        int total = cases.size() * reps * impls.size();
        int done = 0;
        long started = System.nanoTime();
        for (Case c : cases) {
            for (int rep = 0; rep < reps; rep++) {
                for (int i = 0; i < impls.size(); i++) {
                    Impl impl = impls.get((i + rep) % impls.size()); // rotate who goes first
                    String progress = String.format(Locale.ROOT, "[%3d/%d] %-26s %-11s run %d/%d: ",
                            ++done, total, c.label(), impl.name(), rep + 1, reps);
                    System.err.print(progress);
                    try {
                        Runner.Sample sample = runWithRetries(runner, impl, c);
                        results.add(c, impl, sample);
                        System.err.println(c.latency() ? String.format(Locale.ROOT, "%.2f us", sample.value())
                                : String.format(Locale.ROOT, "%,.0f msg/s", sample.value()));
                    } catch (IOException e) {
                        results.failed(c, impl, e.getMessage());
                        System.err.println("FAILED: " + e.getMessage());
                    }
                }
            }
        }
        String header = header(reps, loadBefore, (System.nanoTime() - started) / 1e9);
        write(results, impls, reps, header);
        deleteTree(work);
        return results.failures().isEmpty() ? 0 : 1;
    }

    /** Runs once, and again (at most twice) when a tool hung; see {@link Runner}. */
    private Runner.Sample runWithRetries(Runner runner, Impl impl, Case c) throws IOException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                return runner.run(impl, c);
            } catch (Runner.Hung e) {
                if (attempt == 3) {
                    throw e;
                }
                System.err.print("(hung, retrying) ");
                retries++;
            }
        }
    }

    private void write(Results results, List<Impl> impls, int reps, String header) throws IOException {
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path markdown = out.resolve("bench-" + stamp + ".md");
        Path png = out.resolve("bench-" + stamp + ".png");
        String table = Report.markdown(header, results, impls, reps);
        Files.writeString(markdown, table);
        Chart.write(png, "zmq-ffm benchmark " + stamp + " | " + Machine.summary(), results, impls);
        Files.copy(markdown, out.resolve("bench-latest.md"), StandardCopyOption.REPLACE_EXISTING);
        Files.copy(png, out.resolve("bench-latest.png"), StandardCopyOption.REPLACE_EXISTING);
        System.out.println(table);
        System.err.println("[bench] wrote " + markdown + " and " + png + " (also bench-latest.md/.png)");
    }

    private String header(int reps, String loadBefore, double seconds) {
        List<String> lines = new ArrayList<>();
        lines.add("## zmq-ffm vs libzmq (C), JeroMQ and jzmq" + (quick ? " (--quick: smoke test, numbers meaningless)" : ""));
        lines.add("");
        lines.add("- machine: " + Machine.summary());
        lines.add("- JDK: " + Runtime.version() + " (" + System.getProperty("java.vm.vendor") + ")");
        lines.add("- libzmq: " + Zmq.version() + " built by this project (C tools and zmq-ffm); jzmq: Debian "
                + Machine.debianVersion("libzmq-java") + " on Debian's libzmq5 " + Machine.debianVersion("libzmq5")
                + "; JeroMQ: " + Machine.jeromqVersion(root.resolve("target/bench/lib")));
        lines.add(String.format(Locale.ROOT, "- %d repetitions, interleaved; %.0f s in all; load average before: %s,"
                + " after: %s (the machine may be shared: compare ratios within this run, not across runs)",
                reps, seconds, loadBefore, loadAverage()));
        lines.add("- runs retried because a tool hung (see Runner): " + retries);
        lines.add("- reproduce: `scripts/bench-compare" + (quick ? " --quick" : "") + "`");
        return String.join("\n", lines) + "\n";
    }

    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
