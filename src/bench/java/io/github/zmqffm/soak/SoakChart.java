package io.github.zmqffm.soak;

import io.github.zmqffm.bench.PanelImage;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.ToDoubleFunction;

/** One PNG: resident memory (top) and open file descriptors (bottom) of each process over the soak. */
final class SoakChart {

    private static final int WIDTH = 1200;
    private static final int PANEL = 450;

    private SoakChart() {}

    static void write(Path file, String title, List<ProcessSampler> processes) throws IOException {
        XYChart rss = chart("Resident memory (MiB)", "MiB");
        XYChart fds = chart("Open file descriptors", "fds");
        for (ProcessSampler process : processes) {
            List<ProcessSampler.Sample> samples = process.samples();
            if (samples.isEmpty()) {
                continue;
            }
            add(rss, process.name(), samples, s -> s.rssKib() / 1024.0);
            add(fds, process.name(), samples, ProcessSampler.Sample::fds);
        }
        PanelImage.write(file, title, WIDTH, PANEL, List.of(rss, fds));
    }

    private static XYChart chart(String title, String yTitle) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(PANEL).title(title).xAxisTitle("seconds")
                .yAxisTitle(yTitle).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        return chart;
    }

    private static void add(XYChart chart, String name, List<ProcessSampler.Sample> samples,
                            ToDoubleFunction<ProcessSampler.Sample> value) {
        double[] x = samples.stream().mapToDouble(ProcessSampler.Sample::seconds).toArray();
        double[] y = samples.stream().mapToDouble(value).toArray();
        XYSeries series = chart.addSeries(name, x, y);
        series.setMarker(SeriesMarkers.NONE);
    }
}
