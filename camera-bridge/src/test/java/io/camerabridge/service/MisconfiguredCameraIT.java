package io.camerabridge.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camerabridge.bindings.aravis.fake.FakeGvCameraProcess;
import io.camerabridge.config.yaml.CameraYaml;
import io.camerabridge.ops.CameraState;
import io.camerabridge.tools.sim.PekatSimulator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A camera that refuses its configuration (issue #20 items 10 and 14c, and the misconfigured
 * state): the service runs on, {@code /health} and the metric say which camera and why, the open is
 * retried slowly and logged once, and no frame of a device the file did not name is analysed. Real
 * {@code arv-fake-gv-camera-0.8} processes.
 */
class MisconfiguredCameraIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  // The first retry comes 2 s after the first refusal: staying misconfigured this long spans it.
  private static final Duration ACROSS_A_RETRY = Duration.ofSeconds(3);

  @TempDir Path dir;

  @Test
  void twoCamerasWithTheSameSerialAreRefusedAtEveryOpenNamingBothUntilOneIsGone() throws Exception {
    String serial = BridgeHarness.serial("TWIN");
    try (FaultRig rig = FaultRig.attach();
        PekatSimulator sim = FaultRig.simulator().build().start();
        FakeGvCameraProcess first = FakeGvCameraProcess.builder().serial(serial).start();
        FakeGvCameraProcess second = FakeGvCameraProcess.builder().serial(serial).start()) {
      String yaml = FaultRig.config(camera("twin", serial, sim));
      try (BridgeHarness harness = BridgeHarness.start(dir, yaml)) {
        JsonNode health = awaitMisconfigured(rig, harness, "twin");
        String error = health.path("error").asText();
        assertThat(error)
            .contains("twin", "ambiguous", serial)
            .contains(first.address().getHostAddress(), second.address().getHostAddress());
        assertStaysMisconfiguredAndLogsOnce(rig, harness);
        // frames(): the analyzer's warm-up at start is no frame from either twin.
        assertThat(sim.stats().frames()).as("frames analysed from either twin").isZero();

        second.close();
        await()
            .atMost(Duration.ofSeconds(25))
            .until(() -> harness.bridge.cameras().get(0).state() == CameraState.STREAMING);
        assertThat(harness.bridge.cameras().get(0).error()).isNull();
        assertThat(rig.metric(harness.bridge, "camerabridge_camera_misconfigured")).isZero();
      }
      rig.assertNoSecret();
    }
  }

  @Test
  void anUnknownFeatureIsShownInHealthAndTheMetricAndLoggedOnceNotPerAttempt() throws Exception {
    try (FaultRig rig = FaultRig.attach();
        PekatSimulator sim = FaultRig.simulator().build().start();
        FakeGvCameraProcess camera = FakeGvCameraProcess.start()) {
      String yaml =
          FaultRig.config(
              camera("odd", camera.deviceId(), sim).yaml("features: {NoSuchFeature: 3}"));
      try (BridgeHarness harness = BridgeHarness.start(dir, yaml)) {
        JsonNode health = awaitMisconfigured(rig, harness, "odd");
        assertThat(health.path("error").asText()).contains("odd", "NoSuchFeature");
        assertThat(rig.get(harness.bridge, "/health")).contains("\"unhealthy\"");
        assertStaysMisconfiguredAndLogsOnce(rig, harness);
      }
      rig.assertNoSecret();
    }
  }

  @Test
  void aRegionOutsideTheSensorIsRefusedNamingTheValueAndTheAllowedRange() throws Exception {
    try (FaultRig rig = FaultRig.attach();
        PekatSimulator sim = FaultRig.simulator().build().start();
        FakeGvCameraProcess camera = FakeGvCameraProcess.start()) {
      // The fake's sensor is 2048x2048; it would store either value and stream a 512x512 frame.
      String yaml = FaultRig.config(camera("wide", camera.deviceId(), sim).size(4000, 480));
      try (BridgeHarness harness = BridgeHarness.start(dir, yaml)) {
        String error = awaitMisconfigured(rig, harness, "wide").path("error").asText();
        assertThat(error).contains("width 4000 is outside the camera's Width range 1..2048");
      }
      String shifted =
          FaultRig.config(
              camera("shifted", camera.deviceId(), sim).size(640, 480).set("offsetX", 1600));
      try (BridgeHarness harness = BridgeHarness.start(dir, shifted)) {
        String error = awaitMisconfigured(rig, harness, "shifted").path("error").asText();
        assertThat(error)
            .contains("offsetX 1600 with width 640 reaches beyond the sensor's 2048 pixels")
            .contains("offsetX may be 0..1408");
        assertThat(sim.stats().frames()).isZero();
      }
    }
  }

  private CameraYaml camera(String id, String device, PekatSimulator sim) {
    return FaultRig.camera(id, device, sim.baseUri(), dir, 10, List.of(), List.of());
  }

  private static JsonNode awaitMisconfigured(FaultRig rig, BridgeHarness harness, String id) {
    await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> harness.bridge.cameras().get(0).state() == CameraState.MISCONFIGURED);
    assertThat(rig.metric(harness.bridge, "camerabridge_camera_misconfigured", "camera=\"" + id))
        .isEqualTo(1.0);
    try {
      JsonNode camera = JSON.readTree(rig.get(harness.bridge, "/health")).path("cameras").path(id);
      assertThat(camera.path("state").asText()).isEqualTo("misconfigured");
      return camera;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static void assertStaysMisconfiguredAndLogsOnce(FaultRig rig, BridgeHarness harness) {
    await()
        .during(ACROSS_A_RETRY)
        .atMost(ACROSS_A_RETRY.plusSeconds(2))
        .until(() -> harness.bridge.cameras().get(0).state() == CameraState.MISCONFIGURED);
    assertThat(rig.messages("CameraPipeline"))
        .filteredOn(m -> m.contains("misconfigured"))
        .hasSize(1);
  }
}
