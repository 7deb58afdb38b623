package io.camerabridge.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import io.camerabridge.pekat.ApiKey;
import io.camerabridge.pekat.ContextPlacement;
import io.camerabridge.pekat.RawLayout;
import io.camerabridge.pekat.ResponseType;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigLoaderTest {
  private static final String CAMERA =
      """
      cameras:
        - id: line1-top
          device: CAM-1
          pixelFormat: BayerRG8
      %s
          pekat:
            url: "http://127.0.0.1:8000"
      %s
      """;

  private static String camera(String cameraLines, String pekatLines) {
    return CAMERA.formatted(
        cameraLines.indent(4).stripTrailing(), pekatLines.indent(6).stripTrailing());
  }

  private static BridgeConfig load(Map<String, String> env, String yaml) throws ConfigException {
    return new ConfigLoader(env).parse("test.yaml", yaml);
  }

  private static List<String> problems(Map<String, String> env, String yaml) {
    ConfigException e = catchThrowableOfType(ConfigException.class, () -> load(env, yaml));
    assertThat(e).as("expected the config to be rejected").isNotNull();
    return e.problems().stream().map(ConfigProblem::toString).toList();
  }

  @Test
  void minimalCameraGetsEveryDefault() throws ConfigException {
    BridgeConfig config = load(Map.of(), camera("", ""));

    assertThat(config.metrics().enabled()).isTrue();
    assertThat(config.metrics().host()).isEqualTo("127.0.0.1");
    assertThat(config.metrics().port()).isEqualTo(9400);
    assertThat(config.shutdown().drainTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(config.logging().format()).isEqualTo(LogFormat.PLAIN);
    assertThat(config.logging().level()).isEqualTo(LogLevel.INFO);
    CameraConfig camera = config.cameras().get(0);
    assertThat(camera.enabled()).isTrue();
    assertThat(camera.pixelFormat().layout()).isEqualTo(RawLayout.BAYER_RG8);
    assertThat(camera.pixelFormat().needsConversion()).isFalse();
    assertThat(camera.buffers()).isEqualTo(8);
    assertThat(camera.trigger().mode()).isEqualTo(TriggerMode.FREE_RUN);
    assertThat(camera.gige().packetSize().isAuto()).isTrue();
    assertThat(camera.gige().socketBuffer()).isEqualTo(SocketBuffer.DEFAULT);
    assertThat(camera.gige().socketBuffer().size()).isEqualTo(DataSize.ofMebibytes(16));
    assertThat(camera.gige().packetResend()).isTrue();
    assertThat(camera.gige().packetSocket()).isFalse();
    assertThat(camera.frameWatchdog()).contains(Duration.ofSeconds(2));
    assertThat(camera.width()).isNull();
    assertThat(camera.features().steps()).isEmpty();
    PekatConfig pekat = camera.pekat();
    assertThat(pekat.url()).isEqualTo(URI.create("http://127.0.0.1:8000"));
    assertThat(pekat.key()).isEmpty();
    assertThat(pekat.responseType()).isEqualTo(ResponseType.CONTEXT);
    assertThat(pekat.contextPlacement()).isEqualTo(ContextPlacement.HEADER);
    assertThat(pekat.data()).isEqualTo("{camera}/{frameId}/{timestamp}");
    assertThat(pekat.timeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(pekat.connectTimeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(pekat.maxInFlight()).isEqualTo(1);
    assertThat(pekat.maxResponseSize()).isEqualTo(DataSize.ofMebibytes(16));
    assertThat(camera.results().journalFile()).isEmpty();
    assertThat(camera.results().saveNgFrames()).isEmpty();
  }

  @Test
  void imageResponsesDefaultToTheContextInTheBody() throws ConfigException {
    PekatConfig pekat =
        load(Map.of(), camera("", "responseType: annotated_image")).cameras().get(0).pekat();

    assertThat(pekat.contextPlacement()).isEqualTo(ContextPlacement.BODY);
  }

  @Test
  void frameWatchdogDefaultFollowsTheFrameRateAndTrigger() throws ConfigException {
    assertThat(watchdog("frameRate: 1")).contains(Duration.ofSeconds(5));
    assertThat(watchdog("frameRate: 100")).contains(Duration.ofSeconds(2));
    assertThat(watchdog("trigger: { mode: software, rate: 0.5 }")).contains(Duration.ofSeconds(10));
    assertThat(watchdog("trigger: { mode: hardware, source: Line0 }")).isEmpty();
    assertThat(watchdog("frameTimeout: 0")).isEmpty();
    assertThat(watchdog("frameTimeout: 750ms")).contains(Duration.ofMillis(750));
  }

  private static java.util.Optional<Duration> watchdog(String line) throws ConfigException {
    return load(Map.of(), camera(line, "")).cameras().get(0).frameWatchdog();
  }

  @Test
  void busyWaitDefaultIsHalfAFramePeriodUpTo100Ms() throws ConfigException {
    assertThat(busyWait("frameRate: 50", "")).isEqualTo(Duration.ofMillis(10));
    assertThat(busyWait("frameRate: 2", "")).isEqualTo(Duration.ofMillis(100));
    assertThat(busyWait("trigger: { mode: software, rate: 20 }", ""))
        .isEqualTo(Duration.ofMillis(25));
    assertThat(busyWait("trigger: { mode: hardware, source: Line0 }", "")).isZero();
    assertThat(busyWait("", "")).as("rate unknown").isZero();
    assertThat(busyWait("frameRate: 50", "busyWait: 0")).isZero();
    assertThat(busyWait("trigger: { mode: hardware, source: Line0 }", "busyWait: 40ms"))
        .isEqualTo(Duration.ofMillis(40));
  }

  @Test
  void busyWaitOutOfRangeNamesLineAndField() {
    assertThat(problems(Map.of(), camera("", "busyWait: 1min")))
        .containsExactly(
            "test.yaml:8:17: cameras[0].pekat.busyWait: 1m is out of range: use a value in"
                + " 1ms..10s");
  }

  private static Duration busyWait(String cameraLine, String pekatLine) throws ConfigException {
    return load(Map.of(), camera(cameraLine, pekatLine)).cameras().get(0).busyWait();
  }

  @Test
  void hardwareTriggerDefaultsToTheRisingEdge() throws ConfigException {
    TriggerConfig trigger =
        load(Map.of(), camera("trigger: { mode: hardware, source: Line1, delay: 10us }", ""))
            .cameras()
            .get(0)
            .trigger();

    assertThat(trigger.activation()).isEqualTo(TriggerActivation.RISING_EDGE);
    assertThat(trigger.activation().genicamName()).isEqualTo("RisingEdge");
    assertThat(trigger.delay()).isEqualTo(Duration.ofNanos(10_000));
  }

  @Test
  void environmentVariablesAreSubstitutedInValues() throws ConfigException {
    BridgeConfig config =
        load(
            Map.of("KEY", "s3cret", "HOST", "pekat.local", "N", "4"),
            camera(
                    "buffers: ${N}\nfeatures: { DeviceUserID: \"$${literal}\" }",
                    "apiKey: \"${KEY}\"\ndata: \"${LINE:-line1}/{frameId}\"")
                .replace("127.0.0.1", "${HOST}"));

    CameraConfig camera = config.cameras().get(0);
    assertThat(camera.pekat().url()).isEqualTo(URI.create("http://pekat.local:8000"));
    assertThat(camera.pekat().apiKey()).isEqualTo(ApiKey.of("s3cret"));
    assertThat(camera.pekat().data()).isEqualTo("line1/{frameId}");
    assertThat(camera.buffers()).isEqualTo(4);
    assertThat(camera.features().lastValues().get("DeviceUserID").asText()).isEqualTo("${literal}");
    assertThat(config.toString()).doesNotContain("s3cret").contains("ApiKey[redacted]");
  }

  @Test
  void aFallbackMayItselfUseVariablesNestedReferencesAreNotCutAtTheFirstBrace()
      throws ConfigException {
    String yaml =
        camera(
            "features: { DeviceUserID: \"${USER_ID:-$${lit}}\" }",
            "apiKey: \"${LINE_KEY:-${KEY}}\"\ndata: \"${A:-${B:-${C:-x}}-y}/{frameId}\"");

    CameraConfig fromFallback = load(Map.of("KEY", "k1"), yaml).cameras().get(0);
    assertThat(fromFallback.pekat().apiKey()).isEqualTo(ApiKey.of("k1"));
    assertThat(fromFallback.pekat().data()).isEqualTo("x-y/{frameId}");
    assertThat(fromFallback.features().lastValues().get("DeviceUserID").asText())
        .isEqualTo("${lit}");

    CameraConfig fromOuter = load(Map.of("LINE_KEY", "k2", "B", "b"), yaml).cameras().get(0);
    assertThat(fromOuter.pekat().apiKey()).isEqualTo(ApiKey.of("k2"));
    assertThat(fromOuter.pekat().data()).isEqualTo("b-y/{frameId}");

    assertThat(problems(Map.of(), yaml))
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .contains("cameras[0].pekat.apiKey: environment variable KEY is not set");
  }

  @Test
  void fallbacksNestedTooDeepAreRefusedWithAClearError() {
    String deep = "${A:-".repeat(EnvSubstitution.MAX_NESTING + 1) + "x" + "}".repeat(9);

    assertThat(problems(Map.of(), camera("", "data: \"" + deep + "\"")))
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .contains("cameras[0].pekat.data: variable references are nested more than 8 deep");
  }

  @Test
  void aVariableValueCannotInjectYamlStructure() throws ConfigException {
    String hostile = "x\"\n    device: other #";

    CameraConfig camera =
        load(Map.of("ID_SUFFIX", hostile), camera("", "data: \"${ID_SUFFIX}\"")).cameras().get(0);

    assertThat(camera.device()).isEqualTo("CAM-1");
    assertThat(camera.pekat().data()).isEqualTo(hostile);
  }

  @Test
  void variablesInCommentsAndKeysAreLeftAlone() throws ConfigException {
    BridgeConfig config = load(Map.of(), "# uses ${NOT_SET}\n" + camera("", ""));

    assertThat(config.cameras()).hasSize(1);
  }

  @Test
  void positionsStillReferToTheFileAfterSubstitution() {
    String yaml =
        """
        cameras:
          - id: line1-top
            device: CAM-1
            pixelFormat: BayerRG8
            pekat: { url: "${U}", apiKey: "${LONG}", maxInFlight: x }
        """;

    List<String> problems = problems(Map.of("LONG", "k".repeat(500), "U", "http://h:1"), yaml);

    assertThat(problems)
        .containsExactly(
            "test.yaml:5:59: cameras[0].pekat.maxInFlight: expected a whole number, got 'x'");
  }

  @Test
  void unsetVariablesAreNamedWithTheirLineAndTheKeyIsNeverShown() {
    String yaml =
        camera("device: \"${CAMERA_SERIAL}\"", "apiKey: \"${KEY}\"\nmaxInFlight: 99")
            .replace("    device: CAM-1\n", "");

    List<String> problems = problems(Map.of("KEY", "s3cret"), yaml);

    assertThat(problems)
        .containsExactly(
            "test.yaml:4:13: cameras[0].device: environment variable CAMERA_SERIAL is not set: set"
                + " it for the service (systemd: Environment= or EnvironmentFile= in the unit),"
                + " give a fallback with ${CAMERA_SERIAL:-value}, or write the value in the file",
            "test.yaml:8:20: cameras[0].pekat.maxInFlight: 99 is out of range: use a value in"
                + " 1..16 (frames)");
    assertThat(String.join("\n", problems)).doesNotContain("s3cret");
  }

  @Test
  void yesNoOnOffStayText() throws ConfigException {
    CameraConfig camera =
        load(
                Map.of(),
                camera("features: { ExposureAuto: Off, ReverseX: true, Gamma: 0.7, Lines: 3 }", "")
                    .replace("line1-top", "no")
                    .replace("CAM-1", "on"))
            .cameras()
            .get(0);

    assertThat(camera.id()).isEqualTo("no");
    assertThat(camera.device()).isEqualTo("on");
    assertThat(camera.features().steps())
        .extracting(FeatureStep::feature, FeatureStep::value)
        .containsExactly(
            tuple("ExposureAuto", new FeatureValue("Off")),
            tuple("ReverseX", new FeatureValue(true)),
            tuple("Gamma", new FeatureValue(0.7)),
            tuple("Lines", new FeatureValue(3L)));
  }

  @Test
  void numericDeviceSerialsKeepTheirDigits() throws ConfigException {
    CameraConfig camera =
        load(Map.of(), camera("", "").replace("CAM-1", "00212345")).cameras().get(0);

    assertThat(camera.device()).isEqualTo("00212345");
  }

  @Test
  void rgb8IsAcceptedWithConversion() throws ConfigException {
    CameraConfig camera =
        load(Map.of(), camera("convertRgbToBgr: true", "").replace("BayerRG8", "RGB8"))
            .cameras()
            .get(0);

    assertThat(camera.pixelFormat().layout()).isEqualTo(RawLayout.BGR8);
    assertThat(camera.pixelFormat().needsConversion()).isTrue();
  }

  @Test
  void ipv6ListenAddressesAreSplitIntoHostAndPort() throws ConfigException {
    BridgeConfig config = load(Map.of(), "metrics: { listen: \"[::1]:0\" }\n" + camera("", ""));

    assertThat(config.metrics().host()).isEqualTo("::1");
    assertThat(config.metrics().port()).isZero();
  }

  @Test
  void loadedConfigIsImmutable() throws ConfigException {
    BridgeConfig config = load(Map.of(), camera("features: { A: 1 }", ""));

    assertThatThrownBy(() -> config.cameras().clear())
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> config.cameras().get(0).features().steps().clear())
        .isInstanceOf(UnsupportedOperationException.class);
  }
}
