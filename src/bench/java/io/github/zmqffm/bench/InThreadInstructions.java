package io.github.zmqffm.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The in-thread loops counted in instructions per message under valgrind's callgrind
 * ({@code scripts/bench-compare --inthread --instructions}): the same figure on a busy machine as on an idle
 * one, run after run, so a change of a few instructions per message shows. Each side runs once per case with
 * its {@code --batches} form: warm-up batches, then measured batches with collection toggled on for the
 * measuring thread only (libzmq's I/O thread and the JIT's threads are not counted). Instructions are not time
 * (a cache miss or a syscall counts as its instructions only), so this complements the timed comparison.
 */
final class InThreadInstructions {

    /** The C twin needs no JIT: a short warm-up fills libzmq's pipes and caches. */
    private static final int C_WARMUP_BATCHES = 100;
    private static final Pattern TOTALS = Pattern.compile("(?m)^totals: (\\d+)");
    private static final Pattern MEASURED = Pattern.compile("measured (\\d+) messages");

    /** Batches before (zmq-ffm: enough for C2 to compile the loop under valgrind) and in the measurement. */
    record Settings(int javaWarmupBatches, int measuredBatches, List<String> jvmOptions) {}

    private final InThreadCompare commands;
    private final Path toggle;
    private final Settings settings;
    private final Map<InThreadCompare.Point, double[]> results = new LinkedHashMap<>();
    private final List<String> failures = new ArrayList<>();

    InThreadInstructions(InThreadCompare commands, Path root, Settings settings) {
        this.commands = commands;
        this.toggle = root.resolve("target/bench/libcallgrindtoggle.so").toAbsolutePath();
        this.settings = settings;
    }

    /** Runs every case once per side, C first (the order does not matter to a count). */
    void run(List<InThreadCompare.Point> points, Runner runner, Path work) throws InterruptedException {
        int done = 0;
        for (InThreadCompare.Point p : points) {
            double[] perMessage = {Double.NaN, Double.NaN};
            results.put(p, perMessage);
            for (int side = 0; side < 2; side++) {
                boolean isC = side == 0;
                System.err.printf(Locale.ROOT, "[%3d/%d] %-28s %-7s under callgrind: ", ++done, points.size() * 2,
                        p.label(), isC ? "C" : "zmq-ffm");
                Path out = work.resolve("callgrind-" + done + ".out");
                List<String> command = new ArrayList<>(List.of("valgrind", "--tool=callgrind", "--collect-atstart=no",
                        "--callgrind-out-file=" + out));
                List<String> batches = List.of("--batches", "" + (isC ? C_WARMUP_BATCHES : settings.javaWarmupBatches()),
                        "" + settings.measuredBatches());
                if (isC) {
                    command.addAll(commands.cCommand(concat(batches, List.of(p.path().cLoop, p.transport(), "" + p.size()))));
                } else {
                    command.add("--smc-check=all-non-file"); // the JIT writes code
                    command.addAll(commands.javaCommand(concat(List.of("-Dzmqffm.bench.callgrindToggle=" + toggle),
                            settings.jvmOptions()), concat(batches, List.of(p.path().id, p.transport(), "" + p.size()))));
                }
                try {
                    String output = runner.output(command);
                    double instructions = Double.parseDouble(Runner.find(TOTALS, Files.readString(out)));
                    perMessage[side] = instructions / Double.parseDouble(Runner.find(MEASURED, output));
                    Files.deleteIfExists(out);
                    System.err.printf(Locale.ROOT, "%.1f instructions/message%n", perMessage[side]);
                } catch (IOException e) {
                    failures.add(p.label() + ", " + (isC ? "C" : "zmq-ffm") + ": " + e.getMessage());
                    System.err.println("FAILED: " + e.getMessage());
                }
            }
        }
    }

    List<String> failures() {
        return failures;
    }

    String markdown(String header) {
        StringBuilder md = new StringBuilder(header).append('\n');
        md.append("| transport | size | zmq-ffm path | C loop | C instructions | zmq-ffm instructions | ratio"
                + " | + instructions |\n");
        md.append("|---|---:|---|---|---:|---:|---:|---:|\n");
        results.forEach((p, perMessage) -> md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %,.1f | %,.1f"
                        + " | %.2f | %+,.1f |%n", p.transport(), Case.sizeLabel(p.size()), p.path().id, p.path().cLoop,
                perMessage[0], perMessage[1], perMessage[1] / perMessage[0], perMessage[1] - perMessage[0])));
        md.append("\nInstructions per message (sent and received; a multipart message is 3 frames) executed by the"
                + " measuring thread, counted by valgrind's callgrind (`Ir`) over ").append(settings.measuredBatches()
                * 100).append(" messages after ").append(settings.javaWarmupBatches() * 100)
                .append(" (zmq-ffm) or ").append(C_WARMUP_BATCHES * 100).append(" (C) warm-up messages.\n");
        if (!failures.isEmpty()) {
            md.append("\nRuns that failed (left out):\n\n");
            failures.forEach(f -> md.append("- ").append(f).append('\n'));
        }
        return md.toString();
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }
}
