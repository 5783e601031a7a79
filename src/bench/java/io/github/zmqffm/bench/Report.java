package io.github.zmqffm.bench;

import java.util.List;
import java.util.Locale;

/** The comparison as Markdown: one throughput table and one latency table, medians, ratio to C. */
final class Report {

    private Report() {}

    static String markdown(String header, Results results, List<Impl> impls, int repetitions) {
        StringBuilder md = new StringBuilder(header).append('\n');
        md.append("### Throughput (median of ").append(repetitions).append(" runs; min-max in brackets)\n\n");
        md.append("| transport | size | implementation | msg/s | Mb/s | vs C | best vs C | CPU recv | CPU send"
                + " | CPU vs C | range msg/s |\n");
        md.append("|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---|\n");
        for (Case c : results.cases()) {
            if (c.latency()) {
                continue;
            }
            for (Impl impl : impls) {
                Results.Cell cell = results.cell(c, impl.name());
                double msgs = cell.median();
                double recv = results.cpuMillisPerMillion(c, impl.name(), true);
                double send = results.cpuMillisPerMillion(c, impl.name(), false);
                double cCpu = results.cpuMillisPerMillion(c, Impl.C, true) + results.cpuMillisPerMillion(c, Impl.C, false);
                md.append(row(c.transport(), Case.sizeLabel(c.size()), impl.name(),
                        whole(msgs), fixed(msgs * c.size() * 8 / 1e6, 1), percent(results.ratioToC(c, impl.name())),
                        percent(results.bestRatioToC(c, impl.name())), whole(recv), whole(send), percent((recv + send) / cCpu),
                        whole(cell.min()) + " - " + whole(cell.max())));
            }
        }
        md.append("\n### Latency, one way = round trip / 2 (mean: median of ").append(repetitions)
                .append(" runs; percentiles over all round trips of all runs, in µs)\n\n");
        md.append("| transport | size | implementation | mean µs | vs C | p50 | p99 | p99.9 | max |\n");
        md.append("|---|---:|---|---:|---:|---:|---:|---:|---:|\n");
        for (Case c : results.cases()) {
            if (!c.latency()) {
                continue;
            }
            for (Impl impl : impls) {
                Results.Cell cell = results.cell(c, impl.name());
                md.append(row(c.transport(), Case.sizeLabel(c.size()), impl.name(), fixed(cell.median(), 2),
                        percent(results.ratioToC(c, impl.name())), fixed(cell.percentileMicros(50), 2),
                        fixed(cell.percentileMicros(99), 2), fixed(cell.percentileMicros(99.9), 2),
                        fixed(cell.maxMicros(), 1)));
            }
        }
        md.append("\n\"vs C\": the implementation's median over libzmq's C tools' median in the same run (throughput: "
                + "higher is better; latency: lower is better). \"best vs C\": best run over C's best run: pair"
                + " throughput is often bimodal (receiver keeping up or not), and a median of few runs may pick"
                + " either mode (docs/perf/outliers.md).\n");
        md.append("\nCPU recv / CPU send (tcp and ipc): user + system CPU time of the local_thr (receiving) and"
                + " remote_thr (sending) process, all threads, in ms per million messages (= ns per message), median"
                + " of the runs: its total (wait4 rusage, src/bench/c/cputime.c) minus what it had used when it had"
                + " bound (local) or connected (remote), so start-up is left out and JIT compilation during the run"
                + " is counted. \"CPU vs C\": both sides together over C's.\n");
        if (!results.failures().isEmpty()) {
            md.append("\nRuns that failed (left out of the medians):\n\n");
            results.failures().forEach(f -> md.append("- ").append(f).append('\n'));
        }
        return md.toString();
    }

    private static String row(String... cells) {
        return "| " + String.join(" | ", cells) + " |\n";
    }

    private static String whole(double value) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%,d", Math.round(value));
    }

    private static String fixed(double value, int decimals) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%,." + decimals + "f", value);
    }

    private static String percent(double ratio) {
        return Double.isNaN(ratio) ? "-" : String.format(Locale.ROOT, "%.0f%%", ratio * 100);
    }
}
