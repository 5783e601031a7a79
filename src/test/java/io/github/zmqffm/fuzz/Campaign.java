package io.github.zmqffm.fuzz;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.RandomGenerator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * A fuzz run: generates {@code sequences} sequences from a seed (sequence {@code i} depends only on the seed and
 * {@code i}, so any one can be regenerated alone), runs them in {@code children} child JVMs at once, groups the
 * failures into classes by signature, shrinks the first sequence of each class to a minimal one in a fresh child,
 * and writes a report (with a JUnit reproduction per class) to {@code target/fuzz/}.
 *
 * <p>Generation uses jqwik's generators directly, so it must run on a jqwik thread (inside a property or example);
 * the children are fed from a queue by worker threads.
 */
final class Campaign {

    /** What to run; see {@link #fromSystemProperties()} for the names. */
    record Config(long seed, int sequences, long from, long onlyIndex, int maxThreads, int children, Set<String> excluded,
                  Path out, long budgetMillis, int recycleEvery, int shrinkClasses, int shrinkRuns,
                  long shrinkMillis) {}

    /** A class of failure: its first occurrence, how often it was seen and, once shrunk, a minimal sequence. */
    static final class Finding {
        final Outcome outcome;
        final long index;
        final Sequence sequence;
        final AtomicInteger count = new AtomicInteger();
        Shrinker.Result shrunk;

        Finding(Outcome outcome, long index, Sequence sequence) {
            this.outcome = outcome;
            this.index = index;
            this.sequence = sequence;
        }
    }

    /** The findings, most severe and most frequent first, and the report text. */
    record Report(List<Finding> findings, String text, Path file) {}

    private static final int GEN_SIZE = 1000;
    /**
     * Calls whose javadoc says that a wrong argument crashes the JVM (restricted, like the JDK's): adopting a made-up
     * or terminated context. Left out unless {@code -Dzmqffm.fuzz.restricted=true}.
     */
    static final Set<String> RESTRICTED = Set.of("Adopt:BOGUS", "Adopt:DEAD");
    /** {@code -Dzmqffm.fuzz.dump=DIR}: also write each sequence's text to {@code DIR/INDEX.txt}, to study them. */
    private static final String DUMP = System.getProperty("zmqffm.fuzz.dump");
    private final Config config;
    private final Map<String, Finding> findings = new ConcurrentHashMap<>();
    private final AtomicLong done = new AtomicLong();

    Campaign(Config config) {
        this.config = config;
    }

    /**
     * The configuration from {@code -Dzmqffm.fuzz.*}: {@code sequences} (2000), {@code seed} (a number, or
     * {@code random}; default 8), {@code from} (the first index, 0), {@code index} (run only that sequence), {@code threads} (at most per sequence, 3),
     * {@code children} (JVMs at once, 2), {@code exclude} (e.g. {@code UseView,Send:VIEW}; the {@link #RESTRICTED} calls are always left out unless
     * {@code restricted=true}), {@code budgetMillis}
     * (per sequence, 20000), {@code recycle} (sequences per child, 250), {@code shrink} (classes to shrink, 5),
     * {@code shrinkRuns} (per class, 300), {@code shrinkSeconds} (per class, 240).
     */
    static Config fromSystemProperties() {
        String seed = System.getProperty("zmqffm.fuzz.seed", "8");
        Set<String> excluded = Arrays.stream(System.getProperty("zmqffm.fuzz.exclude", "").split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toCollection(java.util.TreeSet::new));
        if (!Boolean.getBoolean("zmqffm.fuzz.restricted")) {
            excluded.addAll(RESTRICTED);
        }
        return new Config(seed.equals("random") ? new SecureRandom().nextLong() : Long.parseLong(seed),
                Integer.getInteger("zmqffm.fuzz.sequences", 2000), Long.getLong("zmqffm.fuzz.from", 0),
                Long.getLong("zmqffm.fuzz.index", -1),
                Integer.getInteger("zmqffm.fuzz.threads", 3), Integer.getInteger("zmqffm.fuzz.children", 2), excluded,
                Path.of(System.getProperty("zmqffm.fuzz.out", "target/fuzz")).toAbsolutePath(),
                Long.getLong("zmqffm.fuzz.budgetMillis", 20_000), Integer.getInteger("zmqffm.fuzz.recycle", 250),
                Integer.getInteger("zmqffm.fuzz.shrink", 5), Integer.getInteger("zmqffm.fuzz.shrinkRuns", 300),
                Long.getLong("zmqffm.fuzz.shrinkSeconds", 240) * 1000);
    }

    /** The random source of sequence {@code index}: a SplitMix64 step of seed and index. */
    static Random random(long seed, long index) {
        long z = seed + (index + 1) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return new Random(z ^ (z >>> 31));
    }

    Report run() throws InterruptedException {
        Arbitrary<Sequence> sequences = new Generators(config.maxThreads(), config.excluded()).sequences();
        RandomGenerator<Sequence> generator = sequences.generator(GEN_SIZE);
        long first = config.onlyIndex() >= 0 ? config.onlyIndex() : config.from();
        long count = config.onlyIndex() >= 0 ? 1 : config.sequences();
        log("seed " + config.seed() + ", " + count + " sequences from index " + first + ", up to " + config.maxThreads()
                + " threads each, " + config.children() + " child JVMs"
                + (config.excluded().isEmpty() ? "" : ", excluding " + config.excluded()));
        BlockingQueue<Object[]> jobs = new ArrayBlockingQueue<>(config.children() * 4);
        List<FuzzProcess> children = new ArrayList<>();
        List<Thread> workers = new ArrayList<>();
        long started = System.nanoTime();
        for (int w = 0; w < config.children(); w++) {
            FuzzProcess child = new FuzzProcess(config.out(), config.out().resolve("work"), config.budgetMillis(),
                    config.recycleEvery());
            children.add(child);
            workers.add(Thread.ofPlatform().name("fuzz-worker-" + w).start(() -> work(child, jobs, count, started)));
        }
        for (long i = first; i < first + count; i++) {
            Sequence sequence = generator.next(random(config.seed(), i)).value();
            if (config.onlyIndex() >= 0) {
                log("sequence " + i + ":\n" + sequence.text());
            }
            if (DUMP != null) {
                writeQuietly(Path.of(DUMP).resolve(i + ".txt"), sequence.text());
            }
            jobs.put(new Object[] {i, sequence});
        }
        for (int w = 0; w < config.children(); w++) {
            jobs.put(new Object[0]);
        }
        for (Thread worker : workers) {
            worker.join();
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        int starts = children.stream().mapToInt(c -> c.starts).sum();
        long inSequences = children.stream().mapToLong(c -> c.sequenceMillis).sum();
        children.forEach(FuzzProcess::close);
        List<Finding> sorted = findings.values().stream()
                .sorted(Comparator.comparing((Finding f) -> severity(f.outcome.kind()))
                        .thenComparing(f -> -f.count.get()).thenComparing(f -> f.index)).toList();
        String summary = count + " sequences in " + String.format("%.1f", millis / 1000.0) + " s with "
                + config.children() + " children (" + starts + " child JVMs started, " + inSequences / 1000
                + " s inside sequences): " + sorted.size() + " failure classes";
        log(summary);
        shrink(sorted);
        return report(summary, sorted);
    }

    private void work(FuzzProcess child, BlockingQueue<Object[]> jobs, long count, long started) {
        try {
            for (Object[] job = jobs.take(); job.length == 2; job = jobs.take()) {
                long index = (Long) job[0];
                Sequence sequence = (Sequence) job[1];
                Outcome outcome = child.run(sequence);
                if (child.lastMillis > 2000) {
                    log("slow: index " + index + " took " + child.lastMillis + " ms");
                }
                if (outcome.failed()) {
                    Finding finding = findings.computeIfAbsent(outcome.key(), k -> {
                        // The detail now, not only in the report: a campaign stopped early keeps it in its log.
                        log("new failure class at index " + index + ": " + outcome.key() + "\n"
                                + outcome.detail().lines().limit(40).collect(Collectors.joining("\n")));
                        return new Finding(outcome, index, sequence);
                    });
                    finding.count.incrementAndGet();
                }
                long n = done.incrementAndGet();
                if (n % Math.max(1, count / 20) == 0) {
                    log(n + "/" + count + " sequences, " + findings.size() + " failure classes, "
                            + (System.nanoTime() - started) / 1_000_000_000 + " s");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void shrink(List<Finding> sorted) {
        int shrunk = 0;
        for (Finding finding : sorted) {
            if (shrunk++ >= config.shrinkClasses()) {
                break;
            }
            try (FuzzProcess child = new FuzzProcess(config.out(), config.out().resolve("work"),
                    config.budgetMillis(), Integer.MAX_VALUE)) {
                long started = System.nanoTime();
                finding.shrunk = new Shrinker(child, config.shrinkRuns(), config.shrinkMillis())
                        .shrink(finding.sequence, finding.outcome);
                log("shrunk " + finding.outcome.key() + ": " + finding.sequence.steps().size() + " -> "
                        + finding.shrunk.minimal().steps().size() + " steps in " + finding.shrunk.runs() + " runs, "
                        + (System.nanoTime() - started) / 1_000_000_000 + " s"
                        + (finding.shrunk.reproduced() ? "" : " (did not reproduce alone)"));
            }
        }
    }

    private Report report(String summary, List<Finding> sorted) {
        StringBuilder text = new StringBuilder("# zmq-ffm API fuzz report\n\nseed " + config.seed() + "; " + summary
                + "\n\nEach finding below comes with its sequence and a JUnit test over the public API that extends"
                + " io.github.zmqffm.fuzz.FuzzReproBase (src/test); the tests need these imports:\n```java\n"
                + JavaRepro.IMPORTS + "```\n\n");
        int number = 0;
        for (Finding f : sorted) {
            String origin = "seed " + config.seed() + " index " + f.index + " (scripts/fuzz --seed " + config.seed()
                    + " --index " + f.index + (config.excluded().isEmpty() ? "" : " --exclude "
                    + String.join(",", config.excluded())) + ")";
            text.append("## ").append(++number).append(". ").append(f.outcome.key()).append("\n\n");
            text.append("seen in ").append(f.count.get()).append(" sequences; first at ").append(origin).append("\n\n");
            Sequence shown = f.shrunk == null ? f.sequence : f.shrunk.minimal();
            Outcome outcome = f.shrunk == null ? f.outcome : f.shrunk.outcome();
            text.append(f.shrunk == null ? "sequence (not shrunk):\n"
                    : f.shrunk.reproduced() ? "minimal sequence (" + f.sequence.steps().size() + " -> "
                    + shown.steps().size() + " steps, " + f.shrunk.runs() + " runs):\n"
                    : "sequence (did not reproduce alone in a fresh child; not shrunk):\n");
            text.append("```\n").append(shown.text()).append("```\n\n");
            text.append("Java (imports at the top of the report):\n```java\n")
                    .append(JavaRepro.render(shown, outcome, origin, "Finding" + number + "Test")).append("```\n\n");
            text.append("detail:\n```\n").append(outcome.detail().strip()).append("\n```\n\n");
        }
        try {
            Files.createDirectories(config.out());
            Path file = config.out().resolve("report-" + config.seed() + ".md");
            Files.writeString(file, text.toString().replace("\0", "\\0")); // endpoints and groups may hold NULs
            log("report: " + file);
            return new Report(sorted, text.toString().replace("\0", "\\0"), file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeQuietly(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int severity(Outcome.Kind kind) {
        return switch (kind) {
            case CRASH, ABORT, LOST -> 0;
            case HANG -> 1;
            case VIOLATION -> 2;
            default -> 3;
        };
    }

    private static void log(String line) {
        System.out.println("[fuzz] " + line);
        System.out.flush();
    }
}
