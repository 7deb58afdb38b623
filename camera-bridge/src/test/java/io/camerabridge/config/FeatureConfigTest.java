package io.camerabridge.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The GenICam keys: both forms of features:, userSet, featureFile (both formats), diagnostics. */
class FeatureConfigTest {
  @TempDir Path dir;

  private static String camera(String lines) {
    return """
        cameras:
          - id: line1
            device: CAM-1
            pixelFormat: BayerRG8
        %s
            pekat:
              url: "http://127.0.0.1:8000"
        """
        .formatted(lines.indent(4).stripTrailing());
  }

  private CameraConfig load(String yaml) throws Exception {
    Path file = dir.resolve("bridge.yaml");
    Files.writeString(file, yaml);
    return new ConfigLoader(Map.of()).load(file).cameras().get(0);
  }

  private List<String> problems(String yaml) throws IOException {
    Path file = dir.resolve("bridge.yaml");
    Files.writeString(file, yaml);
    ConfigException e =
        catchThrowableOfType(ConfigException.class, () -> new ConfigLoader(Map.of()).load(file));
    assertThat(e).as("expected the config to be rejected").isNotNull();
    return e.problems().stream()
        .map(ConfigProblem::toString)
        .map(p -> p.replace(dir + "/", ""))
        .toList();
  }

  @Test
  void listFormKeepsOrderRepeatsAndCommandsWithWhereEachStepIsWritten() throws Exception {
    CameraConfig camera =
        load(
            camera(
                """
                features:
                  - LineSelector: Line1
                  - LineMode: Output
                  - LineSelector: Line2
                  - LineMode: Input
                  - BalanceRatio: 1.9
                  - execute: TimestampReset
                """));

    assertThat(camera.features().isList()).isTrue();
    assertThat(camera.features().steps())
        .extracting(
            FeatureStep::feature, FeatureStep::value, FeatureStep::isCommand, FeatureStep::path)
        .containsExactly(
            tuple("LineSelector", new FeatureValue("Line1"), false, "cameras[0].features[0]"),
            tuple("LineMode", new FeatureValue("Output"), false, "cameras[0].features[1]"),
            tuple("LineSelector", new FeatureValue("Line2"), false, "cameras[0].features[2]"),
            tuple("LineMode", new FeatureValue("Input"), false, "cameras[0].features[3]"),
            tuple("BalanceRatio", new FeatureValue(1.9), false, "cameras[0].features[4]"),
            tuple("TimestampReset", null, true, "cameras[0].features[5]"));
    assertThat(camera.features().steps().get(1).origin()).endsWith("bridge.yaml:7:9");
    assertThat(camera.features().steps().get(5).origin()).endsWith("bridge.yaml:11:9");
  }

  @Test
  void mapFormStillWorksAndRemembersLines() throws Exception {
    CameraConfig camera = load(camera("features: { ExposureAuto: Off, Gamma: 0.7 }"));

    assertThat(camera.features().isList()).isFalse();
    assertThat(camera.features().steps())
        .extracting(FeatureStep::feature, FeatureStep::path)
        .containsExactly(
            tuple("ExposureAuto", "cameras[0].features.ExposureAuto"),
            tuple("Gamma", "cameras[0].features.Gamma"));
    assertThat(camera.features().steps().get(0).origin()).endsWith("bridge.yaml:5:17");
  }

  @Test
  void userSetDiagnosticsAndChunksWithDefaults() throws Exception {
    CameraConfig plain = load(camera(""));
    assertThat(plain.userSet()).isNull();
    assertThat(plain.diagnostics()).isEmpty();
    assertThat(plain.diagnosticsInterval()).isEqualTo(Duration.ofSeconds(10));

    CameraConfig camera =
        load(
            camera(
                """
                userSet: UserSet1
                diagnostics: [DeviceTemperature, PtpStatus]
                diagnosticsInterval: 2s
                chunks: [Timestamp, ExposureTime]
                """));
    assertThat(camera.userSet()).isEqualTo("UserSet1");
    assertThat(camera.diagnostics()).containsExactly("DeviceTemperature", "PtpStatus");
    assertThat(camera.diagnosticsInterval()).isEqualTo(Duration.ofSeconds(2));
    assertThat(camera.chunks()).containsExactly("Timestamp", "ExposureTime");
  }

  @Test
  void featureFileIsReadNextToTheConfigInFileOrder() throws Exception {
    Files.writeString(
        dir.resolve("line1.features"),
        """
        # exported by camera-bridge features --save
        LineSelector=Line1
          LineMode = Output

        DeviceUserID=
        """);
    CameraConfig camera = load(camera("featureFile: line1.features"));

    FeatureFile file = camera.featureFile();
    assertThat(file.path()).isEqualTo(dir.resolve("line1.features"));
    assertThat(file.format()).isEqualTo(FeatureFile.Format.NAME_VALUE);
    assertThat(file.steps().steps())
        .extracting(FeatureStep::feature, FeatureStep::value, FeatureStep::origin)
        .containsExactly(
            tuple("LineSelector", new FeatureValue("Line1"), "line1.features:2"),
            tuple("LineMode", new FeatureValue("Output"), "line1.features:3"),
            tuple("DeviceUserID", new FeatureValue(""), "line1.features:5"));
  }

  @Test
  void pylonFeatureStreamsAreReadAsSuch() throws Exception {
    Files.writeString(
        dir.resolve("acA1920.pfs"),
        "# {05D8C294-F295-4dfb-9D01-096BD04049F4}\n"
            + "# GenApi persistence file (version 3.1.0)\n"
            + "# Device = Basler::GigECameraParams -- Basler generic GigEVision camera\n"
            + "LineSelector\tLine1\n"
            + "LineMode\tOutput\r\n"
            + "ReverseX\t0\n");
    CameraConfig camera = load(camera("featureFile: acA1920.pfs"));

    assertThat(camera.featureFile().format()).isEqualTo(FeatureFile.Format.PFS);
    assertThat(camera.featureFile().steps().steps())
        .extracting(FeatureStep::feature, FeatureStep::value)
        .containsExactly(
            tuple("LineSelector", new FeatureValue("Line1")),
            tuple("LineMode", new FeatureValue("Output")),
            tuple("ReverseX", new FeatureValue("0")));
  }

  @Test
  void badStepsAreReportedWhereTheyAre() throws Exception {
    assertThat(
            problems(
                camera(
                    """
                    features:
                      - LineSelector: Line1
                        LineMode: Output
                      - execute: [TimestampReset]
                      - 7
                      - TriggerMode: On
                      - TriggerSelector: AcquisitionStart
                      - TriggerMode: On
                      - Gain:
                    """)))
        .containsExactly(
            "bridge.yaml:7:9: cameras[0].features[0]: a step sets one feature: start 'LineMode:'"
                + " on a line of its own with '- ', so the order is explicit",
            "bridge.yaml:8:18: cameras[0].features[1].execute: execute takes the name of a Command"
                + " feature, e.g. 'execute: TimestampReset', got a list",
            "bridge.yaml:9:9: cameras[0].features[2]: a step is one 'Name: value' or 'execute:"
                + " Command', got 7",
            "bridge.yaml:10:9: cameras[0].features[3]: TriggerMode has its own key: set"
                + " trigger.mode on the camera instead, so it is validated and applied in the right"
                + " order (after a TriggerSelector step it may be set for that other trigger)",
            "bridge.yaml:13:9: cameras[0].features[6]: Gain has its own key: set gain on the"
                + " camera instead, so it is validated and applied in the right order");
  }

  @Test
  void badFeatureFileLinesPointIntoTheFeatureFile() throws Exception {
    Files.writeString(dir.resolve("bad.features"), "# ok\nLineMode Output\n9Lives=1\n");
    assertThat(problems(camera("featureFile: bad.features")))
        .containsExactly(
            "bad.features:2:1: cameras[0].featureFile: expected Name=Value (e.g. LineMode=Output)"
                + " or a # comment, got 'LineMode Output'",
            "bad.features:3:1: cameras[0].featureFile: '9Lives' is not a GenICam feature name:"
                + " names are letters, digits and '_'");
    assertThat(problems(camera("featureFile: missing.features")))
        .containsExactly(
            "bridge.yaml:5:18: cameras[0].featureFile: no such feature file: missing.features (a"
                + " relative path is read from the configuration file's directory)");
  }

  @Test
  void badDiagnosticsAndChunksAreReportedPerEntry() throws Exception {
    assertThat(
            problems(
                camera(
                    """
                    userSet: "User Set 1"
                    diagnostics: [DeviceTemperature, DeviceTemperature, "a b"]
                    diagnosticsInterval: 100ms
                    chunks: [Timestamp, "-"]
                    """)))
        .containsExactly(
            "bridge.yaml:5:14: cameras[0].userSet: 'User Set 1' is not a user set name: use an"
                + " entry of the camera's UserSetSelector such as UserSet1 (list them with"
                + " 'camera-bridge features DEVICE UserSetSelector')",
            "bridge.yaml:6:38: cameras[0].diagnostics[1]: DeviceTemperature is listed twice:"
                + " remove one",
            "bridge.yaml:6:57: cameras[0].diagnostics[2]: 'a b' is not a GenICam name: write a"
                + " readable feature such as DeviceTemperature",
            "bridge.yaml:7:26: cameras[0].diagnosticsInterval: 100ms is out of range: use a value"
                + " in 1s..1h",
            "bridge.yaml:8:25: cameras[0].chunks[1]: '-' is not a GenICam name: write a"
                + " ChunkSelector entry such as Timestamp");
  }
}
