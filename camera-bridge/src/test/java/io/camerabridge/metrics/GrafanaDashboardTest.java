package io.camerabridge.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docs/grafana/camera-bridge.json queries only series that {@link BridgeMeter} publishes. */
class GrafanaDashboardTest {

  private static final Pattern SERIES = Pattern.compile("camerabridge_[a-z_]+");

  @Test
  void everyQueriedSeriesIsInTheCatalogue() {
    Set<String> published = GrafanaDashboard.publishedSeries();
    List<String> expressions = expressions();

    assertThat(expressions).hasSizeGreaterThan(10);
    for (String expression : expressions) {
      Matcher m = SERIES.matcher(expression);
      while (m.find()) {
        assertThat(published).as("series in %s", expression).contains(m.group());
      }
    }
  }

  @Test
  void dashboardCoversTheIssuesViews() {
    String all = String.join("\n", expressions());
    assertThat(all)
        .contains("rate(camerabridge_frames_acquired_total")
        .contains(
            "histogram_quantile(0.99, sum by (camera, le) (rate(camerabridge_frame_end_to_end")
        .contains("camerabridge_results_total{camera=~\"$camera\",outcome=\"ng\"}")
        .contains("sum by (camera, reason) (rate(camerabridge_frames_dropped_total")
        .contains("camerabridge_camera_reconnects_total");
  }

  @Test
  void panelIdsAreUnique() {
    Set<Integer> ids = new HashSet<>();
    for (JsonNode panel : GrafanaDashboard.json().get("panels")) {
      assertThat(ids.add(panel.get("id").asInt())).as("panel id %s", panel.get("id")).isTrue();
    }
  }

  private static List<String> expressions() {
    return GrafanaDashboard.queries().stream().map(GrafanaDashboard.Query::expr).toList();
  }
}
