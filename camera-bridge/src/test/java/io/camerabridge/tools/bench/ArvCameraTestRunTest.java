package io.camerabridge.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ArvCameraTestRunTest {

  private static final E2eSettings SETTINGS =
      new E2eSettings(
          1920,
          1200,
          BenchPixelFormat.BayerRG8,
          50,
          8000,
          Duration.ofSeconds(10),
          Duration.ofSeconds(2),
          16,
          "auto",
          1,
          null,
          1,
          true,
          java.util.Set.of(),
          false);

  @Test
  void runsWithTheBridgesCameraSettings() {
    assertThat(ArvCameraTestRun.command("127.0.0.9", SETTINGS))
        .containsExactly(
            "arv-camera-test-0.8",
            "--name=127.0.0.9",
            "--width=1920",
            "--height=1200",
            "--frequency=50.000",
            "--gv-packet-size=8000",
            "--no-packet-socket",
            "--auto",
            "--features=PixelFormat=BayerRG8",
            "--duration=10");
  }

  @Test
  void parsesTheStatisticsBlock() {
    String output =
        String.join(
            "\n",
            "gv packet size         = 1400 bytes",
            " 28 frames/s -    64.5 MiB/s",
            "n_completed_buffers    = 128",
            "n_failures             = 2",
            "n_missing_frames       = 0",
            "n_transferred_bytes    = 297498256");

    ArvCameraTestRun.Statistics stats =
        new ArvCameraTestRun.Statistics(ArvCameraTestRun.parse(output), Duration.ofSeconds(4));

    assertThat(stats.completed()).isEqualTo(128);
    assertThat(stats.failures()).isEqualTo(2);
    assertThat(stats.completeFramesPerSecond()).isEqualTo(32.0);
    assertThat(stats.counters()).doesNotContainKey("gv");
  }
}
