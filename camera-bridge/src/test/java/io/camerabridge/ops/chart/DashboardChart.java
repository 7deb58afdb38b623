package io.camerabridge.ops.chart;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.ToDoubleBiFunction;
import javax.imageio.ImageIO;

/**
 * Renders what the Grafana dashboard (docs/grafana/camera-bridge.json) shows, from a series of
 * {@code /metrics} scrapes of a real run: frames per second, end-to-end latency percentiles,
 * results by outcome, drops by reason. The same PromQL, computed by {@link Scrape}.
 */
final class DashboardChart {

  private static final Color[] PALETTE = {
    new Color(0x1F77B4), new Color(0x2CA02C), new Color(0xD62728), new Color(0xFF7F0E),
    new Color(0x9467BD), new Color(0x8C564B), new Color(0xE377C2), new Color(0x17BECF)
  };
  private static final int RATE_WINDOW = 2;
  private static final int LATENCY_WINDOW = 5;

  private DashboardChart() {}

  static void render(
      List<Scrape> scrapes, List<LineChart.Marker> markers, String subtitle, Path png)
      throws IOException {
    BufferedImage image = new BufferedImage(1400, 900, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(
        RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, image.getWidth(), image.getHeight());
    g.setColor(new Color(0x222222));
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
    g.drawString("camera-bridge dashboard (rendered from /metrics of a real run)", 20, 28);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
    g.drawString(subtitle, 20, 48);

    double end = scrapes.get(scrapes.size() - 1).atSeconds();
    int w = 690;
    int h = 415;
    LineChart.draw(
        g,
        new Rectangle(10, 60, w, h),
        "Frames per second",
        "fps",
        end,
        List.of(
            rate(scrapes, "acquired", PALETTE[0], "camerabridge_frames_acquired_total", s -> true),
            rate(
                scrapes,
                "answered (ok + ng)",
                PALETTE[1],
                "camerabridge_results_total",
                s -> s.contains("outcome=\"ok\"") || s.contains("outcome=\"ng\""))),
        markers);
    LineChart.draw(
        g,
        new Rectangle(10 + w, 60, w, h),
        "End-to-end latency (buffer filled → result handled)",
        "ms",
        end,
        List.of(
            quantile(scrapes, 0.5, PALETTE[1]),
            quantile(scrapes, 0.95, PALETTE[3]),
            quantile(scrapes, 0.99, PALETTE[2])),
        markers);
    LineChart.draw(
        g,
        new Rectangle(10, 60 + h, w, h),
        "Results per second by outcome",
        "/s",
        end,
        byLabel(scrapes, "camerabridge_results_total", "outcome"),
        markers);
    List<LineChart.Line> drops =
        new ArrayList<>(byLabel(scrapes, "camerabridge_frames_dropped_total", "reason"));
    drops.add(
        rate(
            scrapes,
            "camera reconnects",
            PALETTE[7],
            "camerabridge_camera_reconnects_total",
            s -> true));
    LineChart.draw(
        g,
        new Rectangle(10 + w, 60 + h, w, h),
        "Dropped frames per second by reason",
        "/s",
        end,
        drops,
        markers);
    g.dispose();
    ImageIO.write(image, "png", png.toFile());
  }

  private static LineChart.Line rate(
      List<Scrape> scrapes, String name, Color color, String series, Predicate<String> keep) {
    return windowed(
        scrapes, name, color, RATE_WINDOW, (from, to) -> Scrape.rate(from, to, series, keep));
  }

  private static LineChart.Line quantile(List<Scrape> scrapes, double q, Color color) {
    return windowed(
        scrapes,
        "p" + Math.round(q * 100),
        color,
        LATENCY_WINDOW,
        (from, to) ->
            1000
                * Scrape.quantile(
                    q,
                    from,
                    to,
                    "camerabridge_frame_end_to_end_seconds_bucket",
                    s -> s.contains("outcome=\"ok\"") || s.contains("outcome=\"ng\"")));
  }

  /**
   * One point per scrape: {@code value} over the {@code window} scrapes ending there, or NaN while
   * fewer than {@code window} scrapes precede it.
   */
  private static LineChart.Line windowed(
      List<Scrape> scrapes,
      String name,
      Color color,
      int window,
      ToDoubleBiFunction<Scrape, Scrape> value) {
    int n = scrapes.size();
    double[] xs = new double[n];
    double[] ys = new double[n];
    for (int i = 0; i < n; i++) {
      xs[i] = scrapes.get(i).atSeconds();
      ys[i] =
          i < window ? Double.NaN : value.applyAsDouble(scrapes.get(i - window), scrapes.get(i));
    }
    return new LineChart.Line(name, color, xs, ys);
  }

  /** One rate line per value of {@code label} that ever increased. */
  private static List<LineChart.Line> byLabel(List<Scrape> scrapes, String series, String label) {
    Scrape first = scrapes.get(0);
    Scrape last = scrapes.get(scrapes.size() - 1);
    List<String> values = new ArrayList<>();
    for (String key : last.series().keySet()) {
      if (Scrape.nameOf(key).equals(series)
          && last.series().get(key) > first.series().getOrDefault(key, 0.0)) {
        int at = key.indexOf(label + "=\"") + label.length() + 2;
        String value = key.substring(at, key.indexOf('"', at));
        if (!values.contains(value)) {
          values.add(value);
        }
      }
    }
    values.sort(null);
    List<LineChart.Line> lines = new ArrayList<>();
    for (int i = 0; i < values.size(); i++) {
      String needle = label + "=\"" + values.get(i) + "\"";
      lines.add(
          rate(
              scrapes,
              values.get(i),
              PALETTE[i % PALETTE.length],
              series,
              s -> s.contains(needle)));
    }
    return lines;
  }
}
