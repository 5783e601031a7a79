package io.github.zmqffm.bench;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The in-thread comparison as a Markdown table and a PNG bar chart (zmq-ffm's median as % of C's, per path). */
final class InThreadReport {

    private InThreadReport() {}

    static String markdown(String header, InThreadCompare compare) {
        StringBuilder md = new StringBuilder(header).append('\n');
        md.append("| transport | size | zmq-ffm path | C loop | C min | C median | zmq-ffm min | zmq-ffm median"
                + " | ratio min | ratio median | + ns (median) |\n");
        md.append("|---|---:|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Map.Entry<InThreadCompare.Point, InThreadCompare.Rounds> entry : compare.results().entrySet()) {
            InThreadCompare.Point p = entry.getKey();
            InThreadCompare.Rounds r = entry.getValue();
            double cMedian = Stats.median(r.c);
            double javaMedian = Stats.median(r.java);
            md.append("| ").append(String.join(" | ", p.transport(), Case.sizeLabel(p.size()), p.path().id,
                    p.path().cLoop, ns(Stats.min(r.c)), ns(cMedian), ns(Stats.min(r.java)), ns(javaMedian),
                    ratio(Stats.min(r.java) / Stats.min(r.c)), ratio(javaMedian / cMedian),
                    String.format(Locale.ROOT, "%+.1f", javaMedian - cMedian))).append(" |\n");
        }
        md.append("\nns per message (sent and received; a multipart message is 3 frames), over all rounds of all runs."
                + " ratio: zmq-ffm over C (1.00 = C's cost; lower is better). + ns: zmq-ffm's median minus C's.\n\n");
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

    /** One bar per path and transport/size: zmq-ffm's median ns per message as % of C's (100% = parity). */
    static void chart(Path file, String title, InThreadCompare compare) throws IOException {
        List<InThreadCompare.Point> points = List.copyOf(compare.results().keySet());
        List<String> categories = points.stream().map(p -> p.transport() + " " + Case.sizeLabel(p.size()))
                .distinct().toList();
        CategoryChart chart = Chart.chart(title, "zmq-ffm median, % of C's ns/message (lower is better)");
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
        double value = Stats.median(r.java) / Stats.median(r.c) * 100;
        return Double.isNaN(value) ? 0 : value;
    }

    private static String ns(double value) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%,.1f", value);
    }

    private static String ratio(double value) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.2f", value);
    }
}
