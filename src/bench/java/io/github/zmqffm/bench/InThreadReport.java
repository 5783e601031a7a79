package io.github.zmqffm.bench;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/** The in-thread comparison as a Markdown table and a PNG bar chart (zmq-ffm's median as % of C's, per path). */
final class InThreadReport {

    private InThreadReport() {}

    static String markdown(String header, InThreadCompare compare) {
        StringBuilder md = new StringBuilder(header).append('\n');
        md.append("### By the thread's CPU time (the steadier figure on a shared machine)\n\n");
        table(md, compare, InThreadCompare.Side::cpu);
        md.append("\n### By the wall clock\n\n");
        table(md, compare, InThreadCompare.Side::wall);
        md.append("\nns per message (sent and received; a multipart message is 3 frames), min and median over all"
                + " rounds of all runs. CPU: the measuring thread's own CPU time (CLOCK_THREAD_CPUTIME_ID), which leaves"
                + " out the time other processes had the core and, over tcp, the waits for libzmq's I/O thread (whose"
                + " work is not counted). ratio: zmq-ffm over C (1.00 = C's cost; lower is better). + ns: zmq-ffm's"
                + " median minus C's. B/msg: Java heap the measuring thread allocated per message, the worst round"
                + " (ThreadMXBean; 0 on every steady-state path is the goal).\n\n");
        md.append("Paths and the C loop with the same libzmq calls (`src/bench/c/sendrecv.c`):\n\n");
        for (InThreadPath path : InThreadPath.values()) {
            md.append("- `").append(path.id).append("` (C `").append(path.cLoop).append("`): ")
                    .append(path.description).append('\n');
        }
        if (!compare.failures().isEmpty()) {
            md.append("\nRuns that failed (left out):\n\n");
            compare.failures().forEach(f -> md.append("- ").append(f).append('\n'));
        }
        return md.toString();
    }

    private static void table(StringBuilder md, InThreadCompare compare, Function<InThreadCompare.Side, List<Double>> by) {
        md.append("| transport | size | zmq-ffm path | C loop | C min | C median | zmq-ffm min | zmq-ffm median"
                + " | ratio min | ratio median | + ns (median) | zmq-ffm B/msg (max) |\n");
        md.append("|---|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Map.Entry<InThreadCompare.Point, InThreadCompare.Rounds> entry : compare.results().entrySet()) {
            InThreadCompare.Point p = entry.getKey();
            List<Double> c = by.apply(entry.getValue().c());
            List<Double> java = by.apply(entry.getValue().java());
            double cMedian = Stats.median(c);
            double javaMedian = Stats.median(java);
            md.append("| ").append(String.join(" | ", p.transport(), Case.sizeLabel(p.size()), p.path().id,
                    p.path().cLoop, ns(Stats.min(c)), ns(cMedian), ns(Stats.min(java)), ns(javaMedian),
                    ratio(Stats.min(java) / Stats.min(c)), ratio(javaMedian / cMedian),
                    String.format(Locale.ROOT, "%+.1f", javaMedian - cMedian),
                    String.format(Locale.ROOT, "%.3f", Stats.max(entry.getValue().java().allocated()))))
                    .append(" |\n");
        }
    }

    /** One bar per path and transport/size: zmq-ffm's median CPU ns per message as % of C's (100% = parity). */
    static void chart(Path file, String title, InThreadCompare compare) throws IOException {
        List<InThreadCompare.Point> points = List.copyOf(compare.results().keySet());
        List<String> categories = points.stream().map(p -> p.transport() + " " + Case.sizeLabel(p.size()))
                .distinct().toList();
        CategoryChart chart = Chart.chart(title, "zmq-ffm median, % of C's CPU ns/message (lower is better)");
        for (InThreadPath path : InThreadPath.values()) {
            List<Double> values = new ArrayList<>();
            for (String category : categories) {
                values.add(points.stream().filter(p -> p.path() == path
                                && category.equals(p.transport() + " " + Case.sizeLabel(p.size())))
                        .findFirst().map(p -> percent(compare.results().get(p))).orElse(0.0));
            }
            if (values.stream().anyMatch(v -> v > 0)) {
                chart.addSeries(path.id, categories, values);
            }
        }
        BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    private static double percent(InThreadCompare.Rounds r) {
        double value = Stats.median(r.java().cpu()) / Stats.median(r.c().cpu()) * 100;
        return Double.isNaN(value) ? 0 : value;
    }

    private static String ns(double value) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%,.1f", value);
    }

    private static String ratio(double value) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.2f", value);
    }
}
