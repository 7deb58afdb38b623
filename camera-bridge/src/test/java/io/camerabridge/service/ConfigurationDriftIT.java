package io.camerabridge.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.camerabridge.bindings.aravis.fake.FakeGvCameraProcess;
import io.camerabridge.ops.CameraState;
import io.camerabridge.pipeline.CameraPipeline;
import io.camerabridge.tools.sim.PekatSimulator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The camera's settings changed under the bridge (issue #20 item 5, the pixel-format half): frames
 * in another format than configured cannot be judged, so the bridge applies its configuration
 * again, counts and logs it, and analysis resumes. A real {@code arv-fake-gv-camera-0.8}.
 */
class ConfigurationDriftIT {
  @TempDir Path dir;

  @Test
  void aPixelFormatChangedUnderTheBridgeIsSetBackCountedLoggedAndAnalysisResumes()
      throws Exception {
    try (FaultRig rig = FaultRig.attach();
        PekatSimulator sim = FaultRig.simulator().build().start();
        FakeGvCameraProcess camera = FakeGvCameraProcess.start()) {
      String yaml =
          FaultRig.config(
              FaultRig.camera(
                  "drift", camera.deviceId(), sim.baseUri(), dir, 10, List.of(), List.of()));
      try (BridgeHarness harness = BridgeHarness.start(dir, yaml)) {
        CameraPipeline pipeline = harness.bridge.pipelines().get(0);
        await().atMost(Duration.ofSeconds(15)).until(() -> sim.stats().frames() >= 3);

        // Same bytes per pixel, so the frames stay complete and only their format is wrong.
        pipeline
            .withCamera(c -> c.features().setString("PixelFormat", "BayerRG8"))
            .get(5, TimeUnit.SECONDS);
        await()
            .atMost(Duration.ofSeconds(15))
            .until(
                () ->
                    rig.metric(harness.bridge, "camerabridge_camera_reconfigurations_total") >= 1);
        long analysedAfterTheFix = sim.stats().frames();
        await()
            .atMost(Duration.ofSeconds(15))
            .until(
                () ->
                    pipeline.state() == CameraState.STREAMING
                        && sim.stats().frames() >= analysedAfterTheFix + 3);

        AtomicReference<String> format = new AtomicReference<>();
        pipeline
            .withCamera(c -> format.set(c.features().getString("PixelFormat")))
            .get(5, TimeUnit.SECONDS);
        assertThat(format.get()).isEqualTo("Mono8");
        assertThat(rig.messages("CameraPipeline"))
            .filteredOn(m -> m.contains("applying the configuration again"))
            .hasSize(1)
            .allMatch(m -> m.contains("BayerRG8") && m.contains("Mono8"));
        assertThat(rig.messages("FrameConverter")).noneMatch(m -> m.contains("dropped"));
      }
      rig.assertNoSecret();
    }
  }
}
