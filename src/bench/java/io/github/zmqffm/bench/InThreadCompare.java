package io.github.zmqffm.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The in-thread comparison ({@code scripts/bench-compare --inthread}): the binding's own cost per message. For
 * each zmq-ffm path ({@link InThreadPath}), size and transport, {@link SendRecvLoop} (one JVM per run, so no
 * other path's profiles shape its compiled code) and its C twin {@code sendrecv} (the same loop and libzmq
 * calls, on the bundled libzmq) run as separate processes, alternately, repetition after repetition; each run
 * prints ns per message for several timed rounds after a warm-up. Reported: min and median over all rounds of
 * all runs, and their ratio to C's. Nothing is pinned; nothing is asserted.
 */
final class InThreadCompare {

    static final List<Integer> SIZES = List.of(1, 64, 1024, 65536);
    static final List<String> TRANSPORTS = List.of("inproc", "tcp");
    private static final Pattern ROUND =
            Pattern.compile("round \\d+: ([0-9.]+) ns/message, ([0-9.]+) ns/message CPU \\(\\d+ messages\\)(?:, ([0-9.]+) B/message)?");

    /** One cell of the matrix: a path at a size over a transport. */
    record Point(InThreadPath path, String transport, int size) {
        /** "msg inproc 64 B": what {@code --only} matches. */
        String label() {
            return path.id + " " + transport + " " + Case.sizeLabel(size);
        }
    }

    /** How long each run measures: {@code repetitions} runs per side, each with a warm-up and timed rounds. */
    record Settings(int repetitions, int rounds, int roundMillis, int javaWarmupMillis, int cWarmupMillis,
                    List<String> jvmOptions) {

        static Settings quick() {
            return new Settings(1, 1, 20, 100, 10, List.of());
        }

        /** Enough for one run, with a margin for a loaded machine, in seconds. */
        long timeoutSeconds() {
            return 60 + (javaWarmupMillis + (long) rounds * roundMillis) / 1000 * 3;
        }
    }

    /**
     * Every round of one side of a case: ns per message by the wall clock and by the thread's CPU time, and
     * (zmq-ffm only) the Java heap bytes the thread allocated per message.
     */
    record Side(List<Double> wall, List<Double> cpu, List<Double> allocated) {
        Side() {
            this(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        }

        void addAll(Side rounds) {
            wall.addAll(rounds.wall());
            cpu.addAll(rounds.cpu());
            allocated.addAll(rounds.allocated());
        }
    }

    /** Every round of one case, C's and zmq-ffm's. */
    record Rounds(Side c, Side java) {
        Rounds() {
            this(new Side(), new Side());
        }
    }

    private final Path root;
    private final String java;
    private final Settings settings;
    private final Map<Point, Rounds> results = new LinkedHashMap<>();
    private final List<String> failures = new ArrayList<>();

    InThreadCompare(Path root, String java, Settings settings) {
        this.root = root;
        this.java = java;
        this.settings = settings;
    }

    /**
     * Every path at every size and transport; {@code quick} (a smoke test): every path over inproc and the two
     * kinds of loop (copying, zero-copy) over tcp, at 64 B.
     */
    static List<Point> matrix(boolean quick) {
        List<Point> cases = new ArrayList<>();
        for (String transport : TRANSPORTS) {
            for (int size : quick ? List.of(64) : SIZES) {
                for (InThreadPath path : InThreadPath.values()) {
                    if (!quick || transport.equals("inproc") || path == InThreadPath.BYTES || path == InThreadPath.MSG) {
                        cases.add(new Point(path, transport, size));
                    }
                }
            }
        }
        return cases;
    }

    /** Runs the cases, repetition by repetition, C and zmq-ffm taking turns to go first. */
    void run(List<Point> cases, Runner runner) throws InterruptedException {
        int total = cases.size() * settings.repetitions() * 2;
        int done = 0;
        for (int rep = 0; rep < settings.repetitions(); rep++) {
            for (int i = 0; i < cases.size(); i++) {
                Point c = cases.get(i);
                Rounds rounds = results.computeIfAbsent(c, k -> new Rounds());
                boolean cFirst = (rep + i) % 2 == 0;
                for (int turn = 0; turn < 2; turn++) {
                    boolean isC = cFirst == (turn == 0);
                    System.err.printf(Locale.ROOT, "[%3d/%d] %-28s %-7s run %d/%d: ", ++done, total, c.label(),
                            isC ? "C" : "zmq-ffm", rep + 1, settings.repetitions());
                    try {
                        Side values = parse(runner.output(isC ? cCommand(c) : javaCommand(c)));
                        (isC ? rounds.c() : rounds.java()).addAll(values);
                        System.err.printf(Locale.ROOT, "min %.1f ns/message, %.1f CPU%n", Stats.min(values.wall()),
                                Stats.min(values.cpu()));
                    } catch (IOException e) {
                        failures.add(c.label() + ", " + (isC ? "C" : "zmq-ffm") + ": " + e.getMessage());
                        System.err.println("FAILED: " + e.getMessage());
                    }
                }
            }
        }
    }

    Map<Point, Rounds> results() {
        return results;
    }

    List<String> failures() {
        return failures;
    }

    Settings settings() {
        return settings;
    }

    private List<String> cCommand(Point c) {
        return cCommand(List.of(c.path().cLoop, c.transport(), "" + c.size(), "" + settings.rounds(),
                "" + settings.roundMillis(), "" + settings.cWarmupMillis()));
    }

    private List<String> javaCommand(Point c) {
        return javaCommand(settings.jvmOptions(), List.of(c.path().id, c.transport(), "" + c.size(),
                "" + settings.rounds(), "" + settings.roundMillis(), "" + settings.javaWarmupMillis()));
    }

    /** The C twin with these arguments. */
    List<String> cCommand(List<String> args) {
        List<String> command = new ArrayList<>(List.of(root.resolve("target/bench/sendrecv").toString()));
        command.addAll(args);
        return command;
    }

    /** {@link SendRecvLoop} in a JVM with these options and arguments. */
    List<String> javaCommand(List<String> jvmOptions, List<String> args) {
        Path target = root.resolve("target");
        List<String> classPath = new ArrayList<>(List.of(target.resolve("test-classes").toString()));
        classPath.addAll(Impl.mainJars(target));
        classPath.add(target.resolve("lib/*").toString());
        List<String> command = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", Impl.join(classPath), SendRecvLoop.class.getName()));
        command.addAll(args);
        return command;
    }

    private static Side parse(String output) throws IOException {
        Side values = new Side();
        Matcher matcher = ROUND.matcher(output);
        while (matcher.find()) {
            values.wall().add(Double.parseDouble(matcher.group(1)));
            values.cpu().add(Double.parseDouble(matcher.group(2)));
            if (matcher.group(3) != null) {
                values.allocated().add(Double.parseDouble(matcher.group(3)));
            }
        }
        if (values.wall().isEmpty()) {
            throw new IOException("no 'round N: X ns/message, Y ns/message CPU' in: " + output);
        }
        return values;
    }
}
