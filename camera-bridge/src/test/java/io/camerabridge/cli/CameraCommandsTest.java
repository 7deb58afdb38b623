package io.camerabridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code devices} and {@code features} against Aravis's real in-process Fake camera. */
class CameraCommandsTest {

  private record Run(int status, String out, String err) {}

  private static Run run(String... args) {
    CommandLine cli = Main.newCommandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int status = cli.execute(args);
    return new Run(status, out.toString(), err.toString());
  }

  @Test
  void devicesWithFakeListsTheFakeCameraInATable() {
    Run run = run("devices", "--fake");
    assertThat(run.status()).as(run.err()).isZero();
    assertThat(run.out()).startsWith("DEVICE ID").contains("Fake_1").contains("Aravis");
  }

  @Test
  void featuresListsEveryFeatureWithTypeAccessAndValue() {
    Run run = run("features", "--fake", "Fake_1");
    assertThat(run.status()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("ImageFormatControl")
        .containsPattern("Enumeration +RW PixelFormat = Mono8")
        .containsPattern("Integer +RO SensorWidth = 2048")
        .containsPattern("Command +WO AcquisitionStart");
  }

  @Test
  void featuresOfAnUnknownDeviceFailsWithAHint() {
    Run run = run("features", "No-Such-Camera-42");
    assertThat(run.status()).isEqualTo(ExitCodes.FAILURE);
    assertThat(run.err()).contains("No-Such-Camera-42").contains("camera-bridge devices");
  }

  @Test
  void everyServiceCommandTeachesWithAnExample() {
    for (String command : new String[] {"run", "devices", "features", "demo"}) {
      Run run = run(command, "--help");
      assertThat(run.status()).isZero();
      assertThat(run.out()).as(command).contains("Example").contains("camera-bridge " + command);
    }
  }
}
