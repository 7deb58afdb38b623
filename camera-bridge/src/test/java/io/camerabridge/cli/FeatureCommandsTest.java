package io.camerabridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.camerabridge.bindings.aravis.Camera;
import io.camerabridge.bindings.aravis.fake.FakeGenicam;
import io.camerabridge.bindings.aravis.fake.FakeGvCameraProcess;
import io.camerabridge.config.CameraConfig;
import io.camerabridge.config.ConfigLoader;
import io.camerabridge.config.yaml.CameraYaml;
import io.camerabridge.config.yaml.ConfigYaml;
import io.camerabridge.genicam.FeatureStepRunner;
import io.camerabridge.support.ExitCodes;
import io.camerabridge.testing.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code features}, {@code get}, {@code set} and {@code features --save} against GigE simulators
 * with camera-bridge's extended GenICam XML.
 */
class FeatureCommandsTest {
  @TempDir Path dir;

  @Test
  void featuresListsEveryNodeWithTheUncategorizedOnesUnderTheirOwnHeading() throws Exception {
    try (FakeGvCameraProcess fake = FakeGvCameraProcess.builder().extendedGenicam().start()) {
      CliRun run = CliRun.of("features", address(fake));
      assertThat(run.status()).as(run.err()).isZero();
      String out = run.out();
      assertThat(out)
          .containsPattern("(?m)^DigitalIOControl$")
          .containsPattern("(?m)^  Enumeration +RW LineSelector = Line0$")
          .containsPattern("(?m)^  Float +RO DeviceTemperature = 41\\.5")
          .containsPattern("(?m)^  Command +WO UserSetLoad$");
      String rest = out.substring(out.indexOf(FeaturesCommand.UNCATEGORIZED + "\n"));
      assertThat(rest)
          .containsPattern("(?m)^  Float +RW AcquisitionFrameRate = 25")
          .containsPattern("(?m)^  Integer +RW GainRaw = 0$")
          .containsPattern("(?m)^  Integer +RW LineModeRegister \\[IntReg\\] = 0$")
          .doesNotContain("LineSelector ");
    }
  }

  @Test
  void featuresWithNamesGetAndSetShowAndChangeJustThose() throws Exception {
    try (FakeGvCameraProcess fake = FakeGvCameraProcess.builder().extendedGenicam().start()) {
      CliRun details = CliRun.of("features", address(fake), "LineSelector", "GainRaw", "Nope");
      assertThat(details.status()).isEqualTo(ExitCodes.FAILURE);
      assertThat(details.out())
          .contains("LineSelector\n  type:   Enumeration\n  access: RW\n")
          .contains("  entries: Line0, Line1, Line2, Line3\n")
          .contains("  selects: ")
          .contains("GainRaw\n  type:   Integer\n  access: RW\n  range:  0..10\n  value:  0\n");
      assertThat(details.err()).contains("Nope: no such feature on this camera");

      CliRun get = CliRun.of("get", address(fake), "DeviceTemperature");
      assertThat(get.status()).as(get.err()).isZero();
      assertThat(get.out().strip()).startsWith("41.5");

      CliRun set =
          CliRun.of(
              "set", address(fake), "LineSelector=Line1", "LineMode=Output", "TimestampLatch");
      assertThat(set.status()).as(set.err()).isZero();
      assertThat(set.out()).contains("LineSelector=Line1").contains("LineMode=Output");
      assertThat(fake.readRegister(FakeGenicam.lineMode(1))).isEqualTo(1);
      assertThat(fake.readRegister(FakeGenicam.TIMESTAMP_LATCH)).isEqualTo(1);

      CliRun bad = CliRun.of("set", address(fake), "LineMode=Sideways");
      assertThat(bad.status()).isEqualTo(ExitCodes.FAILURE);
      assertThat(bad.err())
          .contains(
              "argument 2: LineMode: 'Sideways' is not an entry of this camera's LineMode"
                  + " (available now: Input, Output)");
    }
  }

  @Test
  void savedFeatureFileLoadsIntoAnotherCameraAndSavesTheSame() throws Exception {
    Path saved = dir.resolve("line1.features");
    Path again = dir.resolve("again.features");
    try (FakeGvCameraProcess a = FakeGvCameraProcess.builder().extendedGenicam().start();
        FakeGvCameraProcess b = FakeGvCameraProcess.builder().extendedGenicam().start()) {
      CliRun set =
          CliRun.of(
              "set",
              address(a),
              "LineSelector=Line1",
              "LineMode=Output",
              "LineSource=UserOutput2",
              "LineSelector=Line3",
              "LineInverter=true",
              "BalanceRatioSelector=Blue",
              "BalanceRatio=1.9",
              "BalanceRatioSelector=Red",
              "GainRaw=5",
              "AcquisitionFrameRate=12.5",
              "PixelFormat=BayerRG8",
              // Aravis's TestBoolean aliases TestRegister (OffValue 123): a file holds both, and
              // the later line wins, so make them agree as two features on one register must.
              "TestBoolean=false");
      assertThat(set.status()).as(set.err()).isZero();
      CliRun save = CliRun.of("features", address(a), "--save", saved.toString());
      assertThat(save.status()).as(save.err()).isZero();
      String text = Files.readString(saved);
      assertThat(text)
          .contains(
              "LineSelector=Line1\nLineMode=Output\nLineInverter=false\nLineSource=UserOutput2\n")
          .contains("BalanceRatioSelector=Blue\nBalanceRatio=1.9\n")
          .contains("GainRaw=5\n")
          .contains("AcquisitionFrameRate=12.5\n")
          .doesNotContain("DeviceTemperature")
          .doesNotContain("LineModeRegister");
      // Saving steps through the selectors and sets them back.
      assertThat(a.readRegister(FakeGenicam.BALANCE_RATIO_SELECTOR)).isZero();
      assertThat(a.readRegister(FakeGenicam.LINE_SELECTOR)).isEqualTo(3);

      Path yaml =
          ConfigYaml.create()
              .camera(
                  CameraYaml.of("line1", "CAM-1")
                      .pixelFormat("BayerRG8")
                      .set("featureFile", "line1.features")
                      .pekat("http://127.0.0.1:8000"))
              .write(dir.resolve("bridge.yaml"));
      CameraConfig config = new ConfigLoader(Map.of()).load(yaml).cameras().get(0);
      try (Camera camera = Camera.open(address(b))) {
        new FeatureStepRunner(camera.features()).run(config.featureFile().steps().steps());
      }
      assertThat(b.readRegister(FakeGenicam.lineSource(1))).isEqualTo(3);
      assertThat(b.readRegister(FakeGenicam.lineInverter(3))).isEqualTo(1);
      assertThat(b.readRegister(FakeGenicam.balanceRatio(2))).isEqualTo(1900);
      assertThat(b.readRegister(0x110)).isEqualTo(5);

      assertThat(CliRun.of("features", address(b), "--save", again.toString()).status()).isZero();
      assertThat(body(again)).isEqualTo(body(saved));
    }
  }

  private static List<String> body(Path file) throws Exception {
    return Files.readAllLines(file).stream().filter(l -> !l.startsWith("#")).toList();
  }

  private static String address(FakeGvCameraProcess fake) {
    return fake.address().getHostAddress();
  }
}
