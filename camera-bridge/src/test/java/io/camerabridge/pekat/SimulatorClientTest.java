package io.camerabridge.pekat;

import static org.assertj.core.api.Assertions.assertThat;

import io.camerabridge.tools.sim.Endpoint;
import io.camerabridge.tools.sim.Fault;
import io.camerabridge.tools.sim.PekatSimulator;
import io.camerabridge.tools.sim.Processing;
import io.camerabridge.tools.sim.RequestRecord;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The client against the project's PEKAT simulator: verdicts, every option, every fault. */
class SimulatorClientTest extends ClientTestBase {
  static final int W = 128;
  static final int H = 96;

  PekatSimulator pekat;
  PekatClient client;

  private void start(
      PekatSimulator.Builder sim,
      java.util.function.UnaryOperator<PekatEndpoint.Builder> endpoint) {
    pekat = closeLater(sim.build().start());
    client = client(endpoint.apply(PekatEndpoint.builder(pekat.baseUri())).build());
  }

  private AnalysisOutcome analyze(TestFrame frame) throws Exception {
    return client.analyze(frame.frame, "part-42").toCompletableFuture().get(20, TimeUnit.SECONDS);
  }

  /**
   * Dark frame with a bright 16x16 square at (32, 16), aligned to the simulator's 8-pixel cells.
   */
  private TestFrame defective(RawLayout layout) {
    return TestFrame.painted(
        leases, W, H, layout, (x, y) -> x >= 32 && x < 48 && y >= 16 && y < 32 ? 250 : 20);
  }

  @ParameterizedTest
  @EnumSource(RawLayout.class)
  void simulatorReceivesTheExactFrameAndFindsTheDefect(RawLayout layout) throws Exception {
    start(PekatSimulator.builder(), e -> e);
    TestFrame frame = defective(layout);

    AnalysisOutcome outcome = analyze(frame);

    RequestRecord record = pekat.stats().last().orElseThrow();
    assertThat(record.endpoint()).isEqualTo(Endpoint.ANALYZE_RAW_IMAGE);
    assertThat(record.bodyBytes()).isEqualTo(layout.bodyLength(W, H));
    assertThat(record.crc32c()).hasValue(frame.crc32c());
    assertThat(record.query().containsKey("bayer")).isEqualTo(layout.bayerFlag());
    assertThat(outcome.name()).isEqualTo("ng");
    AnalysisResult result = ((AnalysisOutcome.Analyzed) outcome).result();
    assertThat(result.rectangles()).hasSize(1);
    DetectedRectangle r = result.rectangles().get(0);
    assertThat(new double[] {r.x(), r.y(), r.width(), r.height()}).containsExactly(32, 16, 16, 16);
    assertThat(result.contextJson()).contains("\"data\":\"part-42\"");
    ClientTestBase.assertReleasedOnce(frame);
  }

  @Test
  void darkFrameIsOkOverOneKeepAliveConnection() throws Exception {
    start(PekatSimulator.builder(), e -> e);
    for (int i = 0; i < 3; i++) {
      TestFrame frame = TestFrame.painted(leases, W, H, RawLayout.GRAY8, (x, y) -> 20);
      assertThat(analyze(frame).name()).isEqualTo("ok");
    }
    assertThat(pekat.stats().recent().stream().map(RequestRecord::connection).distinct())
        .hasSize(1);
  }

  static Stream<Arguments> typesAndPlacements() {
    return Stream.of(ResponseType.values())
        .flatMap(t -> Stream.of(ContextPlacement.values()).map(p -> Arguments.of(t, p)));
  }

  @ParameterizedTest(name = "{0} with context in {1}")
  @MethodSource("typesAndPlacements")
  void everyResponseTypeAndPlacement(ResponseType type, ContextPlacement placement)
      throws Exception {
    start(PekatSimulator.builder(), e -> e.responseType(type).contextPlacement(placement));

    AnalysisOutcome outcome = analyze(defective(RawLayout.BGR8));

    AnalysisResult result = ((AnalysisOutcome.Analyzed) outcome).result();
    assertThat(result.verdict()).isEqualTo(AnalysisResult.Verdict.NG);
    assertThat(result.rectangles()).hasSize(1);
    assertThat(result.png().isPresent()).isEqualTo(type.returnsImage());
  }

  @Test
  void processingOffGivesNoVerdict() throws Exception {
    start(
        PekatSimulator.builder().processing(Processing.OFF),
        e -> e.responseType(ResponseType.ANNOTATED_IMAGE));

    AnalysisOutcome outcome = analyze(defective(RawLayout.GRAY8));

    assertThat(outcome.name()).isEqualTo("no_verdict");
    assertThat(((AnalysisOutcome.Analyzed) outcome).result().processing()).isFalse();
  }

  @Test
  void apiKeyIsRequiredAndSent() throws Exception {
    ApiKey key = ApiKey.of("line-3-key");
    start(PekatSimulator.builder().apiKey(key), e -> e);
    assertThat(analyze(defective(RawLayout.GRAY8)))
        .isInstanceOfSatisfying(
            AnalysisOutcome.HttpError.class, h -> assertThat(h.status()).isEqualTo(401));
    client.close();

    client = client(PekatEndpoint.builder(pekat.baseUri()).apiKey(key).build());
    assertThat(analyze(defective(RawLayout.GRAY8)).name()).isEqualTo("ng");
  }

  static Stream<Arguments> faults() {
    return Stream.of(
        Arguments.of(Fault.BAD_REQUEST_TRACEBACK, "http_error"),
        Arguments.of(Fault.MALFORMED_JSON, "malformed_response"),
        Arguments.of(Fault.TRUNCATED_BODY, "io_error"),
        Arguments.of(Fault.CLOSE_BEFORE_RESPONSE, "io_error"),
        Arguments.of(Fault.CLOSE_MID_RESPONSE, "io_error"),
        Arguments.of(Fault.HANG, "timeout"),
        Arguments.of(Fault.REFUSE_CONNECTIONS, "connect_failed"),
        Arguments.of(Fault.WRONG_CONTENT_LENGTH, "malformed_response"));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("faults")
  void everyFaultIsAnOutcomeAndReturnsTheFrame(Fault fault, String expected) throws Exception {
    start(
        PekatSimulator.builder().fault(fault),
        // Only a hang needs a short deadline; others get room for a cold JVM on a busy machine.
        e -> e.requestTimeout(Duration.ofSeconds(fault == Fault.HANG ? 1 : 15)));
    TestFrame frame = defective(RawLayout.GRAY8);

    AnalysisOutcome outcome = analyze(frame);

    assertThat(outcome.name()).isEqualTo(expected);
    ClientTestBase.assertReleasedOnce(frame);

    pekat.setFault(Fault.NONE);
    assertThat(analyze(defective(RawLayout.GRAY8)).name()).isEqualTo("ng");
  }

  @Test
  void aRequestTheAnalyzerReadAndDroppedIsNotSentAgain() throws Exception {
    start(PekatSimulator.builder(), e -> e);
    assertThat(analyze(defective(RawLayout.GRAY8)).name()).isEqualTo("ng");
    pekat.injectFault(Fault.CLOSE_BEFORE_RESPONSE, 1);
    TestFrame frame = defective(RawLayout.GRAY8);

    // The simulator read the whole frame before closing: sending it again could analyse it twice.
    assertThat(analyze(frame).name()).isEqualTo("io_error");

    assertThat(pekat.stats().count(Endpoint.ANALYZE_RAW_IMAGE)).isEqualTo(2);
    ClientTestBase.assertReleasedOnce(frame);
  }
}
