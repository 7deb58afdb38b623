package io.camerabridge.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Issue #20 item 5: a camera is healthy when its frames are analysed, not only acquired. */
class AnalysisStallTest {

  private static CameraHealth streaming(double unanalysedSeconds, Map<String, String> analyzers) {
    return new CameraHealth(
        "top",
        true,
        CameraState.STREAMING,
        0.02,
        true,
        false,
        null,
        null,
        unanalysedSeconds,
        analyzers,
        List.of(),
        List.of());
  }

  @Test
  void framesWithoutAVerdictForTheStallWindowMakeHealthUnhealthyAndStatusSaysSo() {
    CameraHealth analysing = streaming(0.3, Map.of());
    CameraHealth stalled = streaming(CameraHealth.ANALYSIS_STALL_SECONDS + 2, Map.of());

    assertThat(analysing.healthy()).isTrue();
    assertThat(HealthReport.of(List.of(analysing)).healthy()).isTrue();
    assertThat(stalled.healthy()).isFalse();
    HealthReport report = HealthReport.of(List.of(stalled));
    assertThat(report.healthy()).isFalse();
    assertThat(report.toJson())
        .contains("\"analysing\" : false")
        .contains("\"unanalysedSeconds\" : 12.0");
    assertThat(StatusLine.of(List.of(stalled)))
        .contains("NOT ANALYSING: no verdict for 12s while frames arrive");
    assertThat(StatusLine.of(List.of(analysing))).doesNotContain("NOT ANALYSING");
  }

  @Test
  void aDisabledOrReconnectingCameraIsJudgedAsBefore() {
    CameraHealth disabled =
        new CameraHealth(
            "x",
            false,
            CameraState.STARTING,
            Double.NaN,
            false,
            false,
            null,
            null,
            99,
            null,
            null,
            null);
    assertThat(disabled.healthy()).isTrue();
    CameraHealth reconnecting =
        new CameraHealth(
            "y", true, CameraState.RECONNECTING, 5, false, false, null, null, 0, null, null, null);
    assertThat(reconnecting.healthy()).isFalse();
  }

  @Test
  void eachInstancesStateIsInHealthAndTheStatusCountsTheReadyOnes() {
    Map<String, String> instances = new java.util.LinkedHashMap<>();
    instances.put("10.0.0.5:8000", "ready");
    instances.put("10.0.0.5:8001", "down");
    instances.put("10.0.0.6:8000", "warming");
    CameraHealth h = streaming(0, instances);
    assertThat(HealthReport.of(List.of(h)).toJson())
        .contains("\"10.0.0.5:8000\" : \"ready\"")
        .contains("\"10.0.0.5:8001\" : \"down\"")
        .contains("\"10.0.0.6:8000\" : \"warming\"");
    assertThat(StatusLine.of(List.of(h))).contains("analyzer up (1/3 ready)");
  }
}
