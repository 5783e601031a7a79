package io.github.zmqffm.soak;

import io.github.zmqffm.Context;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The soak (run by {@code scripts/soak}): four pipes at once, with sequence numbers, until a message count or a
 * duration is reached: PUSH/PULL and REQ/REP directly over tcp, and the same through {@code zmqffm device streamer}
 * and {@code zmqffm device queue} (separate processes). Nothing may be lost, duplicated or reordered per pipe.
 * Resident memory and open file descriptors of this JVM and both devices are sampled; their least-squares slopes
 * after the warm-up (the first quarter of the run) are reported. Writes a CSV and a PNG of the samples, prints a
 * summary, and as its last line one JSON object. Exit status 1 if anything was lost, duplicated or reordered, or
 * (over a window of a minute or more) a slope exceeds its limit.
 *
 * <pre>
 * scripts/soak --messages N | --duration 10m  [--size BYTES] [--sample-interval 1s] [--out DIR]
 *              [--max-rss-slope KIB_PER_MIN] [--max-fd-slope FDS_PER_MIN]
 * </pre>
 */
public final class Soak {

    private Soak() {}

    /** Entry point; see the class comment. */
    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        System.exit(run(options));
    }

    /** The command line. */
    record Options(Path root, long messages, Duration duration, int size, Duration sampleInterval, Path out,
                   double maxRssSlope, double maxFdSlope) {

        static Options parse(String[] args) {
            Path root = Path.of(".");
            long messages = 0;
            Duration duration = null;
            int size = 64;
            Duration interval = Duration.ofSeconds(1);
            Path out = null;
            double maxRss = 2048;
            double maxFd = 1;
            for (int i = 0; i < args.length; i++) {
                String value = i + 1 < args.length ? args[i + 1] : null;
                switch (args[i]) {
                    case "--root" -> root = Path.of(value);
                    case "--messages" -> messages = Long.parseLong(value.replace("_", ""));
                    case "--duration" -> duration = duration(value);
                    case "--size" -> size = Integer.parseInt(value);
                    case "--sample-interval" -> interval = duration(value);
                    case "--out" -> out = Path.of(value);
                    case "--max-rss-slope" -> maxRss = Double.parseDouble(value);
                    case "--max-fd-slope" -> maxFd = Double.parseDouble(value);
                    case "-h", "--help" -> usage(null);
                    default -> usage("unknown argument " + args[i]);
                }
                i++;
            }
            if ((messages > 0) == (duration != null)) {
                usage("give either --messages N or --duration D");
            }
            return new Options(root, messages, duration, size, interval, out == null ? root.resolve("target/soak") : out,
                    maxRss, maxFd);
        }

        /** 90s, 10m, 2h, 500ms. */
        static Duration duration(String text) {
            if (text.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
            }
            long n = Long.parseLong(text.substring(0, text.length() - 1));
            return switch (text.charAt(text.length() - 1)) {
                case 's' -> Duration.ofSeconds(n);
                case 'm' -> Duration.ofMinutes(n);
                case 'h' -> Duration.ofHours(n);
                default -> throw new IllegalArgumentException("a duration like 90s, 10m, 2h: " + text);
            };
        }

        private static void usage(String problem) {
            if (problem != null) {
                System.err.println("soak: " + problem);
            }
            System.err.println("usage: scripts/soak --messages N | --duration D (90s, 10m, 2h) [--size BYTES]"
                    + " [--sample-interval D] [--out DIR] [--max-rss-slope KIB_PER_MIN] [--max-fd-slope FDS_PER_MIN]");
            System.exit(problem == null ? 0 : 2);
        }
    }

    static int run(Options options) throws Exception {
        Files.createDirectories(options.out());
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        String deviceJava = "-Xms64m -Xmx64m -XX:+AlwaysPreTouch";
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong delivered = new AtomicLong();
        List<ProcessSampler> processes = new ArrayList<>();
        List<PipeResult> results = new ArrayList<>();
        List<String> deviceCounters = new ArrayList<>();
        long start = System.nanoTime();
        try (DeviceProcess streamer = DeviceProcess.start(options.root(), "streamer", deviceJava, 300);
             DeviceProcess queue = DeviceProcess.start(options.root(), "queue", deviceJava, 300);
             Context context = new Context()) {
            processes.add(new ProcessSampler("soak (this JVM)", ProcessHandle.current().pid()));
            processes.add(new ProcessSampler("device streamer", streamer.pid()));
            processes.add(new ProcessSampler("device queue", queue.pid()));
            int size = options.size();
            List<Pipe> pipes = List.of(
                    new PushPullPipe("push-pull direct", context, Pipe.Route.direct(), size, stop, delivered),
                    new PushPullPipe("push-pull via streamer", context,
                            Pipe.Route.through(streamer.frontend(), streamer.backend()), size, stop, delivered),
                    new ReqRepPipe("req-rep direct", context, Pipe.Route.direct(), size, stop, delivered),
                    new ReqRepPipe("req-rep via queue", context, Pipe.Route.through(queue.frontend(), queue.backend()),
                            size, stop, delivered));
            System.err.printf("[soak] %s, %d-byte messages; devices: streamer pid %d, queue pid %d%n",
                    options.messages() > 0 ? options.messages() + " messages" : "for " + options.duration(),
                    options.size(), streamer.pid(), queue.pid());
            start = System.nanoTime();
            List<CompletableFuture<PipeResult>> running = pipes.stream().map(Pipe::start).toList();
            watch(options, stop, delivered, processes, start);
            // No samples after this: the pipes close their sockets as they finish, which is not a trend.
            for (CompletableFuture<PipeResult> pipe : running) {
                results.add(pipe.get(Pipe.DRAIN_MILLIS + 60_000, TimeUnit.MILLISECONDS));
            }
            for (DeviceProcess device : List.of(streamer, queue)) {
                deviceCounters.add(device.stop());
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return report(options, stamp, seconds, results, processes, deviceCounters);
    }

    /** Samples every interval and prints progress every 10 s, until the count or the duration is reached. */
    private static void watch(Options options, AtomicBoolean stop, AtomicLong delivered,
                              List<ProcessSampler> processes, long start) throws InterruptedException {
        long intervalNanos = options.sampleInterval().toNanos();
        long nextSample = start;
        long nextProgress = start + 10_000_000_000L;
        for (;;) {
            long now = System.nanoTime();
            boolean done = options.messages() > 0 ? delivered.get() >= options.messages()
                    : now - start >= options.duration().toNanos();
            if (done) {
                stop.set(true);
                return;
            }
            if (now >= nextSample) {
                sampleAll(processes, start);
                nextSample += intervalNanos;
            }
            if (now >= nextProgress) {
                ProcessSampler.Sample self = processes.get(0).last();
                System.err.printf("[soak] %.0f s: %,d messages (%,.0f/s), this JVM %d KiB, %d fds%n",
                        (now - start) / 1e9, delivered.get(), delivered.get() / ((now - start) / 1e9),
                        self == null ? -1 : self.rssKib(), self == null ? -1 : self.fds());
                nextProgress += 10_000_000_000L;
            }
            Thread.sleep(5);
        }
    }

    private static void sampleAll(List<ProcessSampler> processes, long start) {
        double seconds = (System.nanoTime() - start) / 1e9;
        processes.forEach(p -> p.sample(seconds));
    }

    private static int report(Options options, String stamp, double seconds, List<PipeResult> results,
                              List<ProcessSampler> processes, List<String> deviceCounters) throws IOException {
        double warmup = seconds / 4;
        long messages = results.stream().mapToLong(PipeResult::received).sum();
        long lost = results.stream().mapToLong(PipeResult::lost).sum();
        long duplicated = results.stream().mapToLong(PipeResult::duplicated).sum();
        long reordered = results.stream().mapToLong(PipeResult::reordered).sum();
        boolean errors = results.stream().anyMatch(r -> r.error() != null);
        double worstRss = Double.NaN;
        double worstFd = Double.NaN;
        StringBuilder perProcess = new StringBuilder();
        for (ProcessSampler process : processes) {
            double rss = process.rssSlopePerMinute(warmup);
            double fd = process.fdSlopePerMinute(warmup);
            worstRss = Double.isNaN(worstRss) || rss > worstRss ? rss : worstRss;
            worstFd = Double.isNaN(worstFd) || Math.abs(fd) > Math.abs(worstFd) ? fd : worstFd;
            ProcessSampler.Sample first = process.first(warmup);
            ProcessSampler.Sample last = process.last();
            perProcess.append(perProcess.isEmpty() ? "" : ",").append(String.format(Locale.ROOT,
                    "{\"name\":\"%s\",\"rss_kib_after_warmup\":%d,\"rss_kib_end\":%d,\"fds_after_warmup\":%d,"
                            + "\"fds_end\":%d,\"rss_slope_kib_per_min\":%s,\"fd_slope\":%s}",
                    process.name(), first == null ? -1 : first.rssKib(), last == null ? -1 : last.rssKib(),
                    first == null ? -1 : first.fds(), last == null ? -1 : last.fds(), number(rss), number(fd)));
        }
        boolean judged = seconds - warmup >= 60;
        Boolean flat = judged ? worstRss <= options.maxRssSlope() && Math.abs(worstFd) <= options.maxFdSlope() : null;

        Path csv = options.out().resolve("soak-" + stamp + ".csv");
        Path png = options.out().resolve("soak-" + stamp + ".png");
        writeCsv(csv, processes);
        SoakChart.write(png, String.format(Locale.ROOT, "zmq-ffm soak: %,d messages in %.0f s; lost %d, duplicated %d,"
                + " reordered %d", messages, seconds, lost, duplicated, reordered), processes);
        Files.copy(png, options.out().resolve("soak-latest.png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        for (PipeResult r : results) {
            System.out.printf("%-24s sent %,13d  received %,13d  lost %d  duplicated %d  reordered %d%s%n", r.name(),
                    r.sent(), r.received(), r.lost(), r.duplicated(), r.reordered(),
                    r.error() == null ? "" : "  ERROR " + r.error());
        }
        for (ProcessSampler process : processes) {
            System.out.printf(Locale.ROOT, "%-24s RSS slope %s KiB/min, fd slope %s /min (after %.0f s of warm-up)%n",
                    process.name(), number(process.rssSlopePerMinute(warmup)), number(process.fdSlopePerMinute(warmup)),
                    warmup);
        }
        System.out.println("samples: " + csv + "; plot: " + png);
        System.out.println(String.format(Locale.ROOT,
                "{\"messages\":%d,\"lost\":%d,\"duplicated\":%d,\"reordered\":%d,\"rss_slope_kib_per_min\":%s,"
                        + "\"fd_slope\":%s,\"fd_slope_unit\":\"fds per minute\",\"flat\":%s,\"seconds\":%.1f,"
                        + "\"warmup_seconds\":%.1f,\"message_size\":%d,\"pipes\":[%s],\"processes\":[%s],"
                        + "\"devices_stopped\":[%s],\"csv\":\"%s\",\"plot\":\"%s\"}",
                messages, lost, duplicated, reordered, number(worstRss), number(worstFd), flat, seconds, warmup,
                options.size(), String.join(",", results.stream().map(PipeResult::json).toList()), perProcess,
                String.join(",", deviceCounters.stream().map(c -> c == null ? "null" : c).toList()), csv, png));
        boolean clean = lost == 0 && duplicated == 0 && reordered == 0 && !errors;
        return clean && !Boolean.FALSE.equals(flat) ? 0 : 1;
    }

    private static String number(double value) {
        return Double.isNaN(value) ? "null" : String.format(Locale.ROOT, "%.2f", value);
    }

    private static void writeCsv(Path csv, List<ProcessSampler> processes) throws IOException {
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(csv))) {
            out.println("process,seconds,rss_kib,fds");
            for (ProcessSampler process : processes) {
                for (ProcessSampler.Sample s : process.samples()) {
                    out.printf(Locale.ROOT, "%s,%.3f,%d,%d%n", process.name(), s.seconds(), s.rssKib(), s.fds());
                }
            }
        }
    }
}
