package io.camerabridge.ops.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.geom.Path2D;
import java.util.List;
import java.util.Locale;

/** One panel of the dashboard chart: time on x, a few named lines on y, event markers. */
public final class LineChart {

  record Line(String name, Color color, double[] xs, double[] ys) {}

  public record Marker(double atSeconds, String label) {}

  private static final Color GRID = new Color(0xE0E0E0);
  private static final Color TEXT = new Color(0x333333);

  private LineChart() {}

  static void draw(
      Graphics2D g,
      Rectangle area,
      String title,
      String unit,
      double endSeconds,
      List<Line> lines,
      List<Marker> markers) {
    Rectangle plot = new Rectangle(area.x + 60, area.y + 30, area.width - 80, area.height - 80);
    double max = 0;
    for (Line line : lines) {
      for (double y : line.ys) {
        if (!Double.isNaN(y)) {
          max = Math.max(max, y);
        }
      }
    }
    double top = niceCeiling(max <= 0 ? 1 : max * 1.1);

    g.setColor(TEXT);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
    g.drawString(title, area.x + 10, area.y + 18);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    for (int i = 0; i <= 4; i++) {
      int y = plot.y + plot.height - plot.height * i / 4;
      g.setColor(GRID);
      g.drawLine(plot.x, y, plot.x + plot.width, y);
      g.setColor(TEXT);
      g.drawString(format(top * i / 4) + (i == 4 ? " " + unit : ""), area.x + 4, y + 4);
    }
    for (int s = 0; s <= endSeconds; s += 20) {
      int x = plot.x + (int) (plot.width * s / endSeconds);
      g.setColor(GRID);
      g.drawLine(x, plot.y, x, plot.y + plot.height);
      g.setColor(TEXT);
      g.drawString(s + " s", x - 8, plot.y + plot.height + 14);
    }
    g.setStroke(
        new BasicStroke(
            1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1, new float[] {4, 4}, 0));
    for (int i = 0; i < markers.size(); i++) {
      Marker marker = markers.get(i);
      int x = plot.x + (int) (plot.width * marker.atSeconds / endSeconds);
      g.setColor(new Color(0x999999));
      g.drawLine(x, plot.y, x, plot.y + plot.height);
      // Alternate label heights: neighbouring events would otherwise print over each other.
      g.drawString(marker.label, x + 3, plot.y + 12 + (i % 2) * 14);
    }
    g.setStroke(new BasicStroke(2f));
    int legendX = plot.x;
    for (Line line : lines) {
      g.setColor(line.color);
      Path2D path = new Path2D.Double();
      boolean pen = false;
      for (int i = 0; i < line.xs.length; i++) {
        if (Double.isNaN(line.ys[i])) {
          pen = false;
          continue;
        }
        double x = plot.x + plot.width * line.xs[i] / endSeconds;
        double y = plot.y + plot.height - plot.height * line.ys[i] / top;
        if (pen) {
          path.lineTo(x, y);
        } else {
          path.moveTo(x, y);
          pen = true;
        }
      }
      g.draw(path);
      int legendY = area.y + area.height - 18;
      g.fillRect(legendX, legendY - 8, 12, 8);
      g.setColor(TEXT);
      g.drawString(line.name, legendX + 16, legendY);
      legendX += 24 + g.getFontMetrics().stringWidth(line.name);
    }
    g.setStroke(new BasicStroke(1f));
  }

  private static double niceCeiling(double value) {
    double magnitude = Math.pow(10, Math.floor(Math.log10(value)));
    for (double step : new double[] {1, 2, 2.5, 5, 10}) {
      if (step * magnitude >= value) {
        return step * magnitude;
      }
    }
    return 10 * magnitude;
  }

  private static String format(double value) {
    return value == Math.rint(value)
        ? String.valueOf((long) value)
        : String.format(Locale.ROOT, "%.2f", value);
  }
}
