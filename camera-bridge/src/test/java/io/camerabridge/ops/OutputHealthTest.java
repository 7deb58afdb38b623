package io.camerabridge.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Issue #20: an output that does not deliver is something the service knows, so /health says. */
class OutputHealthTest {

  private static CameraHealth streamingWith(OutputHealth... outputs) {
    return streaming(List.of(outputs), List.of());
  }

  private static CameraHealth streaming(List<OutputHealth> outputs, List<OutputHealth> records) {
    return new CameraHealth(
        "top",
        true,
        CameraState.STREAMING,
        0.02,
        true,
        false,
        null,
        null,
        0,
        Map.of(),
        outputs,
        records);
  }

  @Test
  void anOutputThatHasNotDeliveredForTheFailingWindowMakesTheCameraUnhealthy() {
    OutputHealth gate =
        new OutputHealth(
            "reject-gate", "line", OutputHealth.FAILING_SECONDS + 2, "3 outcome(s) in a row");
    CameraHealth camera = streamingWith(OutputHealth.ok("mes", "mqtt"), gate);

    assertThat(gate.state()).isEqualTo("failing");
    assertThat(camera.healthy()).isFalse();
    assertThat(camera.failingOutputs()).containsExactly(gate);
    HealthReport report = HealthReport.of(List.of(camera));
    assertThat(report.healthy()).isFalse();
    assertThat(report.toJson())
        .contains("\"reject-gate\" : {")
        .contains("\"state\" : \"failing\"")
        .contains("\"failingSeconds\" : 12.0")
        .contains("\"problem\" : \"3 outcome(s) in a row\"")
        .contains("\"mes\" : {")
        .contains("\"state\" : \"ok\"");
    assertThat(StatusLine.of(List.of(camera)))
        .contains("OUTPUT reject-gate FAILING: 3 outcome(s) in a row")
        .doesNotContain("OUTPUT mes");
  }

  @Test
  void aFreshTroubleIsShownButDoesNotYetTurnTheCameraRed() {
    OutputHealth blip = new OutputHealth("mes", "mqtt", 1.5, "not connected to the broker");
    CameraHealth camera = streamingWith(blip);

    assertThat(blip.state()).isEqualTo("troubled");
    assertThat(camera.healthy()).isTrue();
    assertThat(HealthReport.of(List.of(camera)).toJson())
        .contains("\"state\" : \"troubled\"")
        .contains("\"problem\" : \"not connected to the broker\"");
    assertThat(StatusLine.of(List.of(camera))).doesNotContain("FAILING");
  }

  @Test
  void aJournalThatIsNotWrittenTurnsTheCameraRedUnderItsOwnName() {
    OutputHealth journal =
        new OutputHealth("journal", "journal", 30, "40 record(s) in a row not written");
    CameraHealth camera =
        streaming(List.of(), List.of(journal, OutputHealth.ok("ngImages", "ng-images")));

    assertThat(camera.healthy()).isFalse();
    assertThat(HealthReport.of(List.of(camera)).toJson())
        .contains("\"journal\" : {")
        .contains("\"ngImages\" : {")
        .doesNotContain("outputs");
    assertThat(StatusLine.of(List.of(camera)))
        .contains("JOURNAL FAILING: 40 record(s) in a row not written")
        .doesNotContain("NG IMAGES");
  }

  @Test
  void aCameraWithoutOutputsShowsNoOutputsSection() {
    assertThat(HealthReport.of(List.of(streamingWith())).toJson()).doesNotContain("outputs");
  }
}
