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
 *
 * <p>{@code --inthread} runs the in-thread comparison instead ({@link InThreadCompare}: zmq-ffm's own cost per
 * message against a C loop making the same calls); {@code --quick} runs both, as a smoke test.
 */
@Command(name = "bench-compare", mixinStandardHelpOptions = true,
        description = "Throughput and latency of libzmq's C perf tools, zmq-ffm, JeroMQ and jzmq, side by side.")
public final class BenchCompare implements Callable<Integer> {

    private int retries;

    @Option(names = "--quick", description = "tiny counts and one repetition: proves it all runs (CI smoke test)")
    private boolean quick;

    @Option(names = "--repetitions", description = "runs per implementation and case (default 5; --inthread: 3)")
    private Integer repetitions;

    @Option(names = "--inthread", description = "the in-thread comparison: each zmq-ffm path vs its C twin loop")
    private boolean inThread;

    @Option(names = "--rounds", defaultValue = "5", description = "--inthread: timed rounds per run")
    private int rounds;

    @Option(names = "--round-ms", defaultValue = "200", description = "--inthread: length of a round")
    private int roundMillis;

    @Option(names = "--warmup-ms", defaultValue = "2000", description = "--inthread: the JVM's warm-up per run (C: 200 ms)")
    private int warmupMillis;

    @Option(names = "--instructions", description = "with --inthread: count instructions per message under valgrind")
    private boolean instructions;

    @Option(names = "--warmup-batches", defaultValue = "5000",
            description = "--instructions: zmq-ffm's warm-up batches of 100 messages (C: 100)")
    private int warmupBatches;

    @Option(names = "--measured-batches", defaultValue = "1000", description = "--instructions: batches counted")
    private int measuredBatches;

    @Option(names = "--jvm-option", description = "--inthread: an option for the zmq-ffm JVMs, e.g. -Dzmqffm.checkThreads=true")
    private List<String> jvmOptions = new ArrayList<>();

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
        Files.createDirectories(out);
        boolean ok = true;
        if (!inThread) {
            ok = pairs();
        }
        if (inThread && instructions) {
            ok &= instructions();
        } else if (inThread || quick) {
            ok &= inThread();
        }
        return ok ? 0 : 1;
    }

    /** The in-thread comparison; false if a run failed. */
    private boolean inThread() throws IOException, InterruptedException {
        InThreadCompare.Settings settings = quick ? InThreadCompare.Settings.quick()
                : new InThreadCompare.Settings(repetitions == null ? 3 : repetitions, rounds, roundMillis,
                        warmupMillis, 200, List.copyOf(jvmOptions));
        List<InThreadCompare.Point> points = InThreadCompare.matrix(quick).stream()
                .filter(p -> only == null || only.matcher(p.label()).find()).toList();
        InThreadCompare compare = new InThreadCompare(root.toAbsolutePath(), java, settings);
        Path work = Files.createTempDirectory("zmqffm-inthread");
        String loadBefore = loadAverage();
        long started = System.nanoTime();
        compare.run(points, new Runner(work, settings.timeoutSeconds(), null));
        deleteTree(work);
        String header = inThreadHeader(settings, loadBefore, (System.nanoTime() - started) / 1e9);
        String stamp = stamp();
        Path markdown = out.resolve("inthread-" + stamp + ".md");
        Path png = out.resolve("inthread-" + stamp + ".png");
        String table = InThreadReport.markdown(header, compare);
        Files.writeString(markdown, table);
        InThreadReport.chart(png, "zmq-ffm in-thread cost vs C " + stamp + " | " + Machine.summary(), compare);
        publish(markdown, png, "inthread-latest", table);
        return compare.failures().isEmpty();
    }

    /** The in-thread loops' instructions per message under callgrind; false if a run failed. */
    private boolean instructions() throws IOException, InterruptedException {
        if (Machine.valgrindVersion().equals("valgrind not found")) {
            System.err.println("[bench] --instructions needs valgrind (Debian: apt-get install valgrind)");
            return false;
        }
        List<InThreadCompare.Point> points = InThreadCompare.matrix(quick).stream()
                .filter(p -> only == null || only.matcher(p.label()).find()).toList();
        InThreadCompare commands = new InThreadCompare(root.toAbsolutePath(), java, InThreadCompare.Settings.quick());
        InThreadInstructions counts = new InThreadInstructions(commands, root,
                new InThreadInstructions.Settings(warmupBatches, measuredBatches, List.copyOf(jvmOptions)));
        Path work = Files.createTempDirectory("zmqffm-instructions");
        long started = System.nanoTime();
        counts.run(points, new Runner(work, 3600, null), work);
        deleteTree(work);
        String header = String.join("\n", List.of(
                "## zmq-ffm's own instructions per message vs C: one thread, PUSH/PULL, send 100 then receive 100",
                "",
                "- JDK: " + Runtime.version() + "; JVM options: " + (jvmOptions.isEmpty() ? "none" : String.join(" ", jvmOptions)),
                "- libzmq: " + Zmq.version() + " built by this project; " + Machine.valgrindVersion(),
                String.format(Locale.ROOT, "- %.0f s in all", (System.nanoTime() - started) / 1e9),
                "- reproduce: `scripts/bench-compare --inthread --instructions --warmup-batches " + warmupBatches
                        + " --measured-batches " + measuredBatches + (only == null ? "" : " --only '" + only + "'")
                        + jvmOptions.stream().map(o -> " --jvm-option=" + o).reduce("", String::concat) + "`")) + "\n";
        String table = counts.markdown(header);
        Path markdown = out.resolve("instructions-" + stamp() + ".md");
        Files.writeString(markdown, table);
        Files.copy(markdown, out.resolve("instructions-latest.md"), StandardCopyOption.REPLACE_EXISTING);
        System.out.println(table);
        System.err.println("[bench] wrote " + markdown + " (also instructions-latest.md)");
        return counts.failures().isEmpty();
    }

    private String inThreadHeader(InThreadCompare.Settings s, String loadBefore, double seconds) {
        List<String> lines = new ArrayList<>();
        lines.add("## zmq-ffm's own cost per message vs C: one thread, PUSH/PULL, send 100 then receive 100"
                + (quick ? " (--quick: smoke test, numbers meaningless)" : ""));
        lines.add("");
        lines.add("- machine: " + Machine.summary());
        lines.add("- JDK: " + Runtime.version() + " (" + System.getProperty("java.vm.vendor") + "); JVM options: "
                + (s.jvmOptions().isEmpty() ? "none" : String.join(" ", s.jvmOptions())));
        lines.add("- libzmq: " + Zmq.version() + " built by this project, for both C (`sendrecv`) and zmq-ffm; "
                + Machine.mallocTunables());
        lines.add(String.format(Locale.ROOT, "- %d runs per side and case, C and zmq-ffm alternating; %d rounds of %d ms"
                + " per run after a warm-up (zmq-ffm %d ms, C %d ms); %.0f s in all; load average before: %s, after: %s"
                + " (compare ratios within this run, not across runs)", s.repetitions(), s.rounds(), s.roundMillis(),
                s.javaWarmupMillis(), s.cWarmupMillis(), seconds, loadBefore, loadAverage()));
        lines.add("- reproduce: `scripts/bench-compare --inthread" + (quick ? " --quick" : String.format(Locale.ROOT,
                " --repetitions %d --rounds %d --round-ms %d --warmup-ms %d", s.repetitions(), s.rounds(),
                s.roundMillis(), s.javaWarmupMillis())) + (only == null ? "" : " --only '" + only + "'")
                + s.jvmOptions().stream().map(o -> " --jvm-option=" + o).reduce("", String::concat) + "`");
        return String.join("\n", lines) + "\n";
    }

    /** The comparison of the perf tool pairs; false if a run failed. */
    private boolean pairs() throws IOException, InterruptedException {
        int reps = quick ? 1 : repetitions == null ? 5 : repetitions;
        List<Impl> impls = Impl.available(root.toAbsolutePath(), java);
        List<Case> cases = Case.matrix(quick, scale).stream()
                .filter(c -> only == null || only.matcher(c.label()).find()).toList();
        if (cases.isEmpty()) {
            return true;
        }
        Path work = Files.createTempDirectory("zmqffm-bench");
        String loadBefore = loadAverage();
        Results results = new Results();
        Runner runner = new Runner(work, quick ? 60 : 600, root.resolve("target/bench/cputime").toAbsolutePath());
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
                                : String.format(Locale.ROOT, "%,.0f msg/s", sample.value())
                                + (Double.isNaN(sample.localCpuSeconds()) ? "" : String.format(Locale.ROOT,
                                        ", CPU %.3f s + %s", sample.localCpuSeconds(),
                                        Double.isNaN(sample.remoteCpuSeconds()) ? "? (the sender ended before it was"
                                                + " seen connected)" : String.format(Locale.ROOT, "%.3f s",
                                                sample.remoteCpuSeconds()))));
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
        return results.failures().isEmpty();
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
        String stamp = stamp();
        Path markdown = out.resolve("bench-" + stamp + ".md");
        Path png = out.resolve("bench-" + stamp + ".png");
        String table = Report.markdown(header, results, impls, reps);
        Files.writeString(markdown, table);
        Chart.write(png, "zmq-ffm benchmark " + stamp + " | " + Machine.summary(), results, impls);
        publish(markdown, png, "bench-latest", table);
    }

    /** Prints the table and copies the files to {@code latest}.md/.png. */
    private void publish(Path markdown, Path png, String latest, String table) throws IOException {
        Files.copy(markdown, out.resolve(latest + ".md"), StandardCopyOption.REPLACE_EXISTING);
        Files.copy(png, out.resolve(latest + ".png"), StandardCopyOption.REPLACE_EXISTING);
        System.out.println(table);
        System.err.println("[bench] wrote " + markdown + " and " + png + " (also " + latest + ".md/.png)");
    }

    private static String stamp() {
        return LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    }

    private String header(int reps, String loadBefore, double seconds) {
        List<String> lines = new ArrayList<>();
        lines.add("## zmq-ffm vs libzmq (C), JeroMQ and jzmq" + (quick ? " (--quick: smoke test, numbers meaningless)" : ""));
        lines.add("");
        lines.add("- machine: " + Machine.summary());
        lines.add("- JDK: " + Runtime.version() + " (" + System.getProperty("java.vm.vendor") + ")");
        lines.add("- libzmq: " + Zmq.version() + " built by this project (C tools and zmq-ffm); jzmq: Debian "
                + Machine.debianVersion("libzmq-java") + " on Debian's libzmq5 " + Machine.debianVersion("libzmq5")
                + "; JeroMQ: " + Machine.jeromqVersion(root.resolve("target/bench/lib")) + "; " + Machine.mallocTunables());
        lines.add(String.format(Locale.ROOT, "- %d repetitions, interleaved; %.0f s in all; load average before: %s,"
                + " after: %s (the machine may be shared: compare ratios within this run, not across runs)",
                reps, seconds, loadBefore, loadAverage()));
        lines.add("- runs retried because a tool hung (see Runner): " + retries);
        lines.add("- reproduce: `scripts/bench-compare" + (quick ? " --quick" : " --repetitions " + reps)
                + (scale == 1 ? "" : " --scale " + scale) + (only == null ? "" : " --only '" + only + "'") + "`");
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
