package io.camerabridge.ops.chart;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Entry for code outside this package: render scrapes taken one second apart. */
public final class ChartFixtures {

  private ChartFixtures() {}

  /** An event line on every panel. */
  public static LineChart.Marker marker(double atSeconds, String label) {
    return new LineChart.Marker(atSeconds, label);
  }

  public static void renderOneSecondApart(List<String> scrapeTexts, Path png) throws IOException {
    render(scrapeTexts, List.of(), "smoke run", png);
  }

  public static void render(
      List<String> scrapeTexts, List<LineChart.Marker> markers, String subtitle, Path png)
      throws IOException {
    List<Scrape> scrapes = new ArrayList<>();
    for (int i = 0; i < scrapeTexts.size(); i++) {
      scrapes.add(Scrape.parse(i, scrapeTexts.get(i)));
    }
    DashboardChart.render(scrapes, markers, subtitle, png);
  }
}
