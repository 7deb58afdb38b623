package io.camerabridge.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.camerabridge.bindings.aravis.fake.FakeGenicam;
import io.camerabridge.bindings.aravis.fake.FakeGvCameraProcess;
import io.camerabridge.ops.CameraState;
import io.camerabridge.pipeline.CameraPipeline;
import io.camerabridge.tools.sim.PekatSimulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole service with GenICam configuration on a GigE simulator with camera-bridge's extended
 * XML: user set, feature file and ordered steps land in the device's registers (read back over raw
 * GVCP while the bridge holds control), diagnostics reach {@code /metrics}, PTP status {@code
 * /health}; a refused step keeps the camera from streaming and says where and why.
 */
class GenicamConfigIT {
  @TempDir Path dir;

  @Test
  void userSetFeatureFileAndStepsAreAppliedAndDiagnosticsPolled() throws Exception {
    Files.writeString(
        dir.resolve("line1.features"),
        "# Line 0 drives the strobe\nLineSelector=Line0\nLineMode=Output\nLineSource=UserOutput0\n");
    try (FaultRig rig = FaultRig.attach();
        PekatSimulator sim = FaultRig.simulator().build().start();
        FakeGvCameraProcess fake =
            FakeGvCameraProcess.builder()
                .serial(BridgeHarness.serial("GENI"))
                .extendedGenicam()
                .register(FakeGenicam.PTP_STATUS, 8)
                .start()) {
      String yaml =
          FaultRig.config(
              "geni",
              fake.deviceId(),
              sim.baseUri(),
              dir,
              10,
              List.of(),
              List.of(
                  "userSet: UserSet3",
                  "featureFile: line1.features",
                  "features:",
                  "  - LineSelector: Line1",
                  "  - LineMode: Output",
                  "  - LineSource: UserOutput2",
                  "  - BalanceRatioSelector: Blue",
                  "  - BalanceRatio: 1.9",
                  "  - execute: TimestampReset",
                  "diagnostics: [DeviceTemperature, PtpStatus, LineInverter]",
                  "diagnosticsInterval: 1s"));
      try (BridgeHarness h = BridgeHarness.start(dir, yaml)) {
        CameraPipeline pipeline = h.bridge.pipelines().get(0);
        await()
            .atMost(Duration.ofSeconds(60))
            .until(() -> pipeline.stats().snapshot().results() >= 3);

        assertThat(fake.readRegister(FakeGenicam.USER_SET_SELECTOR)).isEqualTo(3);
        assertThat(fake.readRegister(FakeGenicam.USER_SET_LOAD)).isEqualTo(1);
        assertThat(fake.readRegister(FakeGenicam.lineMode(0))).isEqualTo(1);
        assertThat(fake.readRegister(FakeGenicam.lineSource(0))).isEqualTo(1);
        assertThat(fake.readRegister(FakeGenicam.lineMode(1))).isEqualTo(1);
        assertThat(fake.readRegister(FakeGenicam.lineSource(1))).isEqualTo(3);
        assertThat(fake.readRegister(FakeGenicam.LINE_SELECTOR)).isEqualTo(1);
        assertThat(fake.readRegister(FakeGenicam.balanceRatio(2))).isEqualTo(1900);
        assertThat(fake.readRegister(FakeGenicam.TIMESTAMP_RESET)).isEqualTo(1);
        assertThat(fake.readRegister(0x128)).isEqualTo(0x01080001); // PixelFormat Mono8 kept

        await()
            .atMost(Duration.ofSeconds(20))
            .untilAsserted(
                () -> {
                  String metrics = rig.get(h.bridge, "/metrics");
                  assertThat(
                          FaultRig.sum(
                              metrics,
                              "camerabridge_camera_feature",
                              "camera=\"geni\"",
                              "feature=\"DeviceTemperature\""))
                      .isEqualTo(41.5);
                  assertThat(
                          FaultRig.sum(
                              metrics, "camerabridge_camera_feature", "feature=\"PtpStatus\""))
                      .isEqualTo(8);
                  assertThat(rig.get(h.bridge, "/health")).contains("\"ptpStatus\" : \"Slave\"");
                });
      }
    }
  }

  @Test
  void aRefusedStepKeepsTheCameraFromStreamingAndNamesFileLineAndEntries() throws Exception {
    try (FaultRig rig = FaultRig.attach();
        PekatSimulator sim = FaultRig.simulator().build().start();
        FakeGvCameraProcess fake =
            FakeGvCameraProcess.builder()
                .serial(BridgeHarness.serial("GENX"))
                .extendedGenicam()
                .start()) {
      String yaml =
          FaultRig.config(
              "genx",
              fake.deviceId(),
              sim.baseUri(),
              dir,
              10,
              List.of(),
              List.of("features:", "  - LineSelector: Line2", "  - LineMode: Outptu"));
      try (BridgeHarness h = BridgeHarness.start(dir, yaml)) {
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () -> rig.messages("io.camerabridge").stream().anyMatch(m -> m.contains("Outptu")));
        String message =
            rig.messages("io.camerabridge").stream()
                .filter(m -> m.contains("Outptu"))
                .findFirst()
                .orElseThrow();
        assertThat(message)
            .contains("Camera genx")
            .contains(h.configFile + ":")
            .contains(
                ": LineMode: 'Outptu' is not an entry of this camera's LineMode (available now:"
                    + " Input, Output)");
        CameraPipeline pipeline = h.bridge.pipelines().get(0);
        assertThat(pipeline.state()).isNotEqualTo(CameraState.STREAMING);
        assertThat(pipeline.stats().snapshot().acquired()).isZero();
      }
    }
  }
}
