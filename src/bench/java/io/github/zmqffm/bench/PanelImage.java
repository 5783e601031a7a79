package io.github.zmqffm.bench;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** A PNG of XChart charts stacked under a one-line title (the benchmark and soak plots). */
public final class PanelImage {

    private PanelImage() {}

    /** Writes {@code panels}, each {@code width} x {@code panelHeight}, one below the other under {@code title}. */
    public static void write(Path file, String title, int width, int panelHeight,
                             List<? extends org.knowm.xchart.internal.chartpart.Chart<?, ?>> panels) throws IOException {
        BufferedImage image = new BufferedImage(width, panels.size() * panelHeight + 40, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        g.drawString(title, 10, 25);
        g.translate(0, 40);
        for (org.knowm.xchart.internal.chartpart.Chart<?, ?> panel : panels) {
            panel.paint(g, width, panelHeight);
            g.translate(0, panelHeight);
        }
        g.dispose();
        ImageIO.write(image, "png", file.toFile());
    }
}
