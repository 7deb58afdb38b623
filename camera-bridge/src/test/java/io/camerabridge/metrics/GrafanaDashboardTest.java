package io.camerabridge.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Meter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docs/grafana/camera-bridge.json queries only series that {@link BridgeMeter} publishes. */
class GrafanaDashboardTest {

  private static final Path DASHBOARD =
      Path.of(System.getProperty("camerabridge.root", ".."))
          .resolve("docs/grafana/camera-bridge.json");
  private static final Pattern SERIES = Pattern.compile("camerabridge_[a-z_]+");

  @Test
  void everyQueriedSeriesIsInTheCatalogue() throws IOException {
    Set<String> published = publishedSeries();
    List<String> expressions = expressions(new ObjectMapper().readTree(DASHBOARD.toFile()));

    assertThat(expressions).hasSizeGreaterThan(10);
    for (String expression : expressions) {
      Matcher m = SERIES.matcher(expression);
      while (m.find()) {
        assertThat(published).as("series in %s", expression).contains(m.group());
      }
    }
  }

  @Test
  void dashboardCoversTheIssuesViews() throws IOException {
    String all = String.join("\n", expressions(new ObjectMapper().readTree(DASHBOARD.toFile())));
    assertThat(all)
        .contains("rate(camerabridge_frames_acquired_total")
        .contains(
            "histogram_quantile(0.99, sum by (camera, le) (rate(camerabridge_frame_end_to_end")
        .contains("camerabridge_results_total{camera=~\"$camera\",outcome=\"ng\"}")
        .contains("sum by (camera, reason) (rate(camerabridge_frames_dropped_total")
        .contains("camerabridge_camera_reconnects_total");
  }

  @Test
  void panelIdsAreUnique() throws IOException {
    Set<Integer> ids = new HashSet<>();
    for (JsonNode panel : new ObjectMapper().readTree(DASHBOARD.toFile()).get("panels")) {
      assertThat(ids.add(panel.get("id").asInt())).as("panel id %s", panel.get("id")).isTrue();
    }
  }

  private static Set<String> publishedSeries() {
    Set<String> names = new HashSet<>();
    for (BridgeMeter meter : BridgeMeter.values()) {
      String name = MeterCatalogue.prometheusName(meter);
      names.add(name);
      if (meter.type() == Meter.Type.TIMER || meter.type() == Meter.Type.DISTRIBUTION_SUMMARY) {
        for (String suffix : List.of("_bucket", "_count", "_sum", "_max")) {
          names.add(name + suffix);
        }
      }
    }
    return names;
  }

  private static List<String> expressions(JsonNode dashboard) {
    List<String> out = new ArrayList<>();
    for (JsonNode panel : dashboard.get("panels")) {
      for (JsonNode target : panel.path("targets")) {
        out.add(target.get("expr").asText());
      }
    }
    return out;
  }
}
