package io.camerabridge.genicam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.camerabridge.bindings.aravis.Camera;
import io.camerabridge.bindings.aravis.fake.FakeGenicam;
import io.camerabridge.bindings.aravis.fake.FakeGvCameraProcess;
import io.camerabridge.config.CameraConfig;
import io.camerabridge.config.ConfigLoader;
import io.camerabridge.config.FeatureStep;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Feature steps against a real GigE simulator with camera-bridge's extended GenICam XML: what lands
 * is read back over raw GVCP, and each refusal names the step's FILE:LINE:COL, the feature and what
 * the camera allows.
 */
class FeatureStepRunnerTest {
  private static FakeGvCameraProcess fake;

  @BeforeAll
  static void startCamera() throws Exception {
    fake = FakeGvCameraProcess.builder().extendedGenicam().start();
  }

  @AfterAll
  static void stopCamera() {
    fake.close();
  }

  private static List<FeatureStep> steps(String features) throws Exception {
    String yaml =
        """
        cameras:
          - id: line1
            device: CAM-1
            pixelFormat: BayerRG8
            features:
        %s
            pekat:
              url: "http://127.0.0.1:8000"
        """
            .formatted(features.indent(6).stripTrailing());
    CameraConfig camera = new ConfigLoader(Map.of()).parse("bridge.yaml", yaml).cameras().get(0);
    return camera.features().steps();
  }

  @Test
  void selectorChainsCommandsAndUserSetsLandInTheRegisters() throws Exception {
    try (Camera camera = Camera.open(fake.address().getHostAddress())) {
      FeatureStepRunner runner = new FeatureStepRunner(camera.features());
      runner.run(ConfigSteps.userSet("UserSet2", "userSet"));
      runner.run(
          steps(
              """
              - LineSelector: Line1
              - LineMode: Output
              - LineSource: UserOutput0
              - LineInverter: true
              - LineSelector: Line2
              - LineMode: Input
              - BalanceRatioSelector: Red
              - BalanceRatio: 1.4
              - BalanceRatioSelector: Blue
              - BalanceRatio: 2
              - GainRaw: "3"
              - execute: TimestampReset
              """));

      assertThat(fake.readRegister(FakeGenicam.USER_SET_SELECTOR)).isEqualTo(2);
      assertThat(fake.readRegister(FakeGenicam.USER_SET_LOAD)).isEqualTo(1);
      assertThat(fake.readRegister(FakeGenicam.lineMode(1))).isEqualTo(1);
      assertThat(fake.readRegister(FakeGenicam.lineSource(1))).isEqualTo(1);
      assertThat(fake.readRegister(FakeGenicam.lineInverter(1))).isEqualTo(1);
      assertThat(fake.readRegister(FakeGenicam.lineMode(2))).isZero();
      assertThat(fake.readRegister(FakeGenicam.LINE_SELECTOR)).isEqualTo(2);
      assertThat(fake.readRegister(FakeGenicam.balanceRatio(0))).isEqualTo(1400);
      assertThat(fake.readRegister(FakeGenicam.balanceRatio(2))).isEqualTo(2000);
      assertThat(fake.readRegister(0x110)).isEqualTo(3); // GainRaw
      assertThat(fake.readRegister(FakeGenicam.TIMESTAMP_RESET)).isEqualTo(1);
    }
  }

  @Test
  void typeAndExistenceProblemsOfEveryStepAreReportedBeforeAnythingIsWritten() throws Exception {
    try (Camera camera = Camera.open(fake.address().getHostAddress())) {
      FeatureStepRunner runner = new FeatureStepRunner(camera.features());
      FeatureStepException e =
          catchThrowableOfType(
              FeatureStepException.class,
              () ->
                  runner.run(
                      steps(
                          """
                          - UserOutputSelector: UserOutput2
                          - LineSelecter: Line1
                          - GainRaw: lots
                          - execute: LineMode
                          - TimestampLatch: 1
                          - DigitalIOControl: 1
                          """)));

      assertThat(e.problems())
          .containsExactly(
              "bridge.yaml:7:9: LineSelecter: no such feature on this camera (did you mean"
                  + " LineSelector?); list them with 'camera-bridge features DEVICE'",
              "bridge.yaml:8:9: GainRaw: an Integer: write a whole number, not 'lots'",
              "bridge.yaml:9:9: LineMode: an Enumeration, not a Command: write 'LineMode:"
                  + " VALUE'",
              "bridge.yaml:10:9: TimestampLatch: a Command: write '- execute: TimestampLatch' in"
                  + " the list form",
              "bridge.yaml:11:9: DigitalIOControl: a Category with no value to set");
      // Nothing ran: not even the first, valid step.
      assertThat(fake.readRegister(FakeGenicam.USER_OUTPUT_SELECTOR)).isNotEqualTo(2);
    }
  }

  @Test
  void readOnlyOutOfRangeAndUnknownEntriesStopAtTheStepWithWhatIsAllowed() throws Exception {
    try (Camera camera = Camera.open(fake.address().getHostAddress())) {
      FeatureStepRunner runner = new FeatureStepRunner(camera.features());
      assertThat(refusal(runner, "- LineSelector: Line3\n- LineMode: Outptu"))
          .isEqualTo(
              "bridge.yaml:7:9: LineMode: 'Outptu' is not an entry of this camera's LineMode"
                  + " (available now: Input, Output)");
      assertThat(fake.readRegister(FakeGenicam.LINE_SELECTOR)).isEqualTo(3);
      assertThat(refusal(runner, "- BalanceRatio: 9.5"))
          .isEqualTo(
              "bridge.yaml:6:9: BalanceRatio: 9.5 is out of range: this camera allows 0.0..8.0");
      assertThat(refusal(runner, "- GainRaw: 11"))
          .isEqualTo("bridge.yaml:6:9: GainRaw: 11 is out of range: this camera allows 0..10");
      assertThat(refusal(runner, "- DeviceTemperature: 20"))
          .isEqualTo("bridge.yaml:6:9: DeviceTemperature: read-only (RO): it cannot be set");
      assertThat(fake.readRegister(FakeGenicam.DEVICE_TEMPERATURE)).isEqualTo(415);
      assertThat(refusal(runner, "- LineStatus: true"))
          .isEqualTo("bridge.yaml:6:9: LineStatus: read-only (RO): it cannot be set");
    }
  }

  @Test
  void chunksNeedACameraThatOffersThem() throws Exception {
    try (FakeGvCameraProcess stock = FakeGvCameraProcess.start();
        Camera plain = Camera.open(stock.address().getHostAddress());
        Camera extended = Camera.open(fake.address().getHostAddress())) {
      FeatureStepException e =
          catchThrowableOfType(
              FeatureStepException.class,
              () -> ConfigSteps.chunks(plain.features(), List.of("Timestamp"), "chunks"));
      assertThat(e)
          .hasMessage(
              "chunks: this camera offers no chunk data (it has no ChunkModeActive, ChunkSelector"
                  + " and ChunkEnable features): remove chunks from its configuration");

      FeatureStepRunner runner = new FeatureStepRunner(extended.features());
      runner.run(ConfigSteps.chunks(extended.features(), List.of("ExposureTime"), "chunks"));
      assertThat(fake.readRegister(FakeGenicam.CHUNK_MODE_ACTIVE)).isEqualTo(1);
      assertThat(fake.readRegister(FakeGenicam.chunkEnable(1))).isEqualTo(1);
      assertThat(
              catchThrowableOfType(
                  FeatureStepException.class,
                  () ->
                      runner.run(
                          ConfigSteps.chunks(extended.features(), List.of("Gain"), "chunks"))))
          .hasMessage(
              "chunks[0]: ChunkSelector: 'Gain' is not an entry of this camera's ChunkSelector"
                  + " (available now: Timestamp, ExposureTime)");
    }
  }

  private static String refusal(FeatureStepRunner runner, String features) throws Exception {
    List<FeatureStep> steps = steps(features);
    FeatureStepException e =
        catchThrowableOfType(FeatureStepException.class, () -> runner.run(steps));
    assertThat(e).as("steps %s should be refused", features).isNotNull();
    return e.getMessage();
  }
}
