package io.camerabridge.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.camerabridge.bindings.aravis.fake.FakeGvCameraProcess;
import io.camerabridge.ops.CameraHealth;
import io.camerabridge.ops.CameraState;
import io.camerabridge.pekat.sim.PekatSimulator;
import io.camerabridge.pipeline.CameraPipeline;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Camera faults, with real {@code arv-fake-gv-camera-0.8} processes: the service never stops. */
class CameraFaultsIT {
  @TempDir Path dir;

  @Test
  void cameraKilledMidStreamIsReopenedAndReconfigured() throws Exception {
    try (PekatSimulator sim = PekatSimulator.builder().port(0).build().start()) {
      FakeGvCameraProcess first = FakeGvCameraProcess.builder().serial("RECON").start();
      String yaml =
          BridgeHarness.config(
              BridgeHarness.camera(
                  "recon", first.deviceId(), sim.baseUri().toString(), dir, "frameRate: 10"));
      try (BridgeHarness harness = BridgeHarness.start(dir, yaml)) {
        CameraPipeline pipeline = harness.bridge.pipelines().get(0);
        await()
            .atMost(Duration.ofSeconds(60))
            .until(() -> pipeline.stats().snapshot().acquired() >= 5);

        first.kill();
        // The frame watchdog notices within frameTimeout (2 s) plus one check period.
        await()
            .atMost(Duration.ofSeconds(3))
            .until(() -> state(harness) == CameraState.RECONNECTING);
        first.close();

        try (FakeGvCameraProcess second = FakeGvCameraProcess.builder().serial("RECON").start()) {
          long before = pipeline.stats().snapshot().acquired();
          await()
              .atMost(Duration.ofSeconds(40))
              .until(
                  () ->
                      state(harness) == CameraState.STREAMING
                          && pipeline.stats().snapshot().acquired() >= before + 5);
          Map<String, Object> settings = new HashMap<>();
          pipeline
              .withCamera(
                  c -> {
                    settings.put("PixelFormat", c.features().getString("PixelFormat"));
                    settings.put("Width", c.features().getInteger("Width"));
                    settings.put("Height", c.features().getInteger("Height"));
                  })
              .get();
          assertThat(settings)
              .containsEntry("PixelFormat", "BayerRG8")
              .containsEntry("Width", 1920L)
              .containsEntry("Height", 1200L);
          assertThat(pipeline.stats().snapshot().reconnects()).isEqualTo(1);
        }
      }
    }
  }

  @Test
  void cameraAbsentAtStartIsPickedUpWhenItAppears() throws Exception {
    try (PekatSimulator sim = PekatSimulator.builder().port(0).build().start()) {
      String yaml =
          BridgeHarness.config(
              BridgeHarness.camera(
                  "late", "Aravis-Fake-LATE", sim.baseUri().toString(), dir, "frameRate: 10"));
      try (BridgeHarness harness = BridgeHarness.start(dir, yaml)) {
        CameraHealth health = harness.bridge.cameras().get(0);
        assertThat(health.state()).isEqualTo(CameraState.STARTING);
        assertThat(health.healthy()).isFalse();
        try (FakeGvCameraProcess late = FakeGvCameraProcess.builder().serial("LATE").start()) {
          CameraPipeline pipeline = harness.bridge.pipelines().get(0);
          await()
              .atMost(Duration.ofSeconds(30))
              .until(
                  () ->
                      state(harness) == CameraState.STREAMING
                          && pipeline.stats().snapshot().results() >= 3);
        }
      }
    }
  }

  private static CameraState state(BridgeHarness harness) {
    return harness.bridge.cameras().get(0).state();
  }
}
