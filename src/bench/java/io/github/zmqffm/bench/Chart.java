package io.github.zmqffm.bench;

import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** One PNG with two bar charts: throughput as % of C per case, and mean one-way latency per case. */
final class Chart {

    private static final int WIDTH = 1400;
    private static final int PANEL = 560;

    private Chart() {}

    /** Writes the panels that have cases (--only may leave out all throughput or all latency cases). */
    static void write(Path file, String title, Results results, List<Impl> impls) throws IOException {
        List<Case> throughput = results.cases().stream().filter(c -> !c.latency()).toList();
        List<Case> latency = results.cases().stream().filter(Case::latency).toList();
        List<CategoryChart> panels = new ArrayList<>();
        if (!throughput.isEmpty()) {
            CategoryChart top = chart("Throughput, % of libzmq's C perf tools (median; higher is better)", "% of C");
            impls.forEach(impl -> top.addSeries(impl.name(), labels(throughput),
                    throughput.stream().map(c -> zeroIfNaN(results.ratioToC(c, impl.name()) * 100)).toList()));
            panels.add(top);
        }
        if (!latency.isEmpty()) {
            CategoryChart bottom = chart("Latency, one way (median of means, µs; lower is better)", "µs");
            impls.forEach(impl -> bottom.addSeries(impl.name(), labels(latency),
                    latency.stream().map(c -> zeroIfNaN(results.cell(c, impl.name()).median())).toList()));
            panels.add(bottom);
        }
        PanelImage.write(file, title, WIDTH, PANEL, panels);
    }

    static CategoryChart chart(String title, String yTitle) {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(PANEL).title(title).yAxisTitle(yTitle).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        chart.getStyler().setXAxisLabelRotation(30);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setAvailableSpaceFill(0.8);
        return chart;
    }

    private static List<String> labels(List<Case> cases) {
        return cases.stream().map(c -> c.transport() + " " + Case.sizeLabel(c.size())).toList();
    }

    private static double zeroIfNaN(double value) {
        return Double.isNaN(value) ? 0 : value;
    }
}
