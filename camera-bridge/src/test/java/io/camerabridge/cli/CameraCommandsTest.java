package io.camerabridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.camerabridge.support.ExitCodes;
import io.camerabridge.testing.CliRun;
import org.junit.jupiter.api.Test;

/** {@code devices} and {@code features} against Aravis's real in-process Fake camera. */
class CameraCommandsTest {

  @Test
  void devicesWithFakeListsTheFakeCameraInATable() {
    CliRun run = CliRun.of("devices", "--fake");
    assertThat(run.status()).as(run.err()).isZero();
    assertThat(run.out()).startsWith("DEVICE ID").contains("Fake_1").contains("Aravis");
  }

  @Test
  void featuresListsEveryFeatureWithTypeAccessAndValue() {
    CliRun run = CliRun.of("features", "--fake", "Fake_1");
    assertThat(run.status()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("ImageFormatControl")
        .containsPattern("Enumeration +RW PixelFormat = Mono8")
        .containsPattern("Integer +RO SensorWidth = 2048")
        .containsPattern("Command +WO AcquisitionStart")
        // In no category on Aravis's fake, yet the very feature the service sets.
        .containsPattern("(?s)\\nNot in any category\\n.*\\n  Float +RW AcquisitionFrameRate = ");
  }

  @Test
  void featuresOfAnUnknownDeviceFailsWithAHint() {
    CliRun run = CliRun.of("features", "No-Such-Camera-42");
    assertThat(run.status()).isEqualTo(ExitCodes.FAILURE);
    assertThat(run.err()).contains("No-Such-Camera-42").contains("camera-bridge devices");
  }

  @Test
  void everyServiceCommandTeachesWithAnExample() {
    for (String command : new String[] {"run", "devices", "features", "get", "set", "demo"}) {
      CliRun run = CliRun.of(command, "--help");
      assertThat(run.status()).isZero();
      assertThat(run.out()).as(command).contains("Example").contains("camera-bridge " + command);
    }
  }
}
