package io.camerabridge.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChartRendererTest {

  @TempDir Path dir;

  @Test
  void writesAReadablePngWithBothPanels() throws Exception {
    Map<String, List<ChartRenderer.Point>> series = new LinkedHashMap<>();
    series.put(
        "bridge",
        List.of(
            new ChartRenderer.Point(0.3, 2500, 0.2, 0.4),
            new ChartRenderer.Point(5, 2900, 1.8, 2.5)));
    series.put(
        "jdk",
        List.of(
            new ChartRenderer.Point(0.3, 700, 0.6, 1.2), new ChartRenderer.Point(5, 800, 6, 9)));
    Path file = dir.resolve("sub/chart.png");

    ChartRenderer.write(file, "test chart", "machine line", series);

    BufferedImage image = ImageIO.read(file.toFile());
    assertThat(image.getWidth()).isGreaterThan(image.getHeight());
    // Something other than the white background was drawn in the middle of the left panel.
    int bridgeBlue = 0x1f77b4;
    boolean found = false;
    for (int x = 0; x < image.getWidth() && !found; x++) {
      for (int y = 0; y < image.getHeight() && !found; y++) {
        found = (image.getRGB(x, y) & 0xffffff) == bridgeBlue;
      }
    }
    assertThat(found).as("the bridge series is drawn in its colour").isTrue();
  }

  @Test
  void drawsAnyTwoPlotsOverOneAxisGivingEachSeriesOneColour() throws Exception {
    Path file = dir.resolve("scale.png");
    List<double[]> cpu = List.of(new double[] {1, 2.0}, new double[] {2, 2.1});
    List<double[]> arv = List.of(new double[] {1, 1.6}, new double[] {2, Double.NaN});

    ChartRenderer.write(
        file,
        "scale",
        "machine line",
        "cameras",
        new ChartRenderer.Plot(
            "cpu",
            List.of(
                new ChartRenderer.Line("bridge", false, cpu),
                new ChartRenderer.Line("arv", false, arv))),
        new ChartRenderer.Plot("latency", List.of(new ChartRenderer.Line("bridge", true, cpu))));

    BufferedImage image = ImageIO.read(file.toFile());
    assertThat(countPixels(image, 0x1f77b4)).as("bridge, in the first colour").isPositive();
    assertThat(countPixels(image, 0xff7f0e)).as("arv, the next colour").isPositive();
  }

  private static long countPixels(BufferedImage image, int rgb) {
    long n = 0;
    for (int x = 0; x < image.getWidth(); x++) {
      for (int y = 0; y < image.getHeight(); y++) {
        n += (image.getRGB(x, y) & 0xffffff) == rgb ? 1 : 0;
      }
    }
    return n;
  }
}
