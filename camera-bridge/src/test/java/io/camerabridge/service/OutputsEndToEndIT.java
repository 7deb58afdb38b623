package io.camerabridge.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camerabridge.bindings.aravis.fake.FakeGenicam;
import io.camerabridge.bindings.aravis.fake.FakeGvCameraProcess;
import io.camerabridge.config.yaml.CameraYaml;
import io.camerabridge.testing.MosquittoBroker;
import io.camerabridge.testing.WebhookReceiver;
import io.camerabridge.tools.sim.Latency;
import io.camerabridge.tools.sim.PekatSimulator;
import io.camerabridge.tools.sim.Processing;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole service with outputs against real parts: the fake GigE camera with camera-bridge's
 * GenICam XML (line registers read back over GVCP), the PEKAT simulator answering out of order or
 * too late, Mosquitto read by {@code mosquitto_sub}, and a webhook receiver.
 */
class OutputsEndToEndIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final int LINE1 = 1;
  private static final int USER_OUTPUT1 = 1;

  /** LineSource register value of UserOutput1 (0 Off, 1..3 UserOutput0..2). */
  private static final int SOURCE_USER_OUTPUT1 = 2;

  private static FakeGvCameraProcess camera;

  @TempDir Path dir;

  @BeforeAll
  static void startCamera() throws IOException {
    camera =
        FakeGvCameraProcess.builder().serial(BridgeHarness.serial("OUT")).extendedGenicam().start();
  }

  @AfterAll
  static void stopCamera() {
    if (camera != null) {
      camera.close();
    }
  }

  private CameraYaml cameraEntry(String simUrl, String... extra) {
    return BridgeHarness.camera("cam", camera.deviceId(), simUrl, dir, 640, 480, extra);
  }

  @Test
  void outOfOrderAnswersReachEveryOutputOnceInSequenceOrderWithTheirVerdict() throws Exception {
    try (MosquittoBroker broker = MosquittoBroker.start(dir);
        WebhookReceiver webhook = WebhookReceiver.start();
        PekatSimulator sim =
            PekatSimulator.builder()
                .port(0)
                .lanes(2)
                .latency(Latency.between(Duration.ofMillis(5), Duration.ofMillis(250)))
                .processing(Processing.DISCARD)
                .build()
                .start()) {
      // The fake camera's test pattern has no bright region, so image analysis would answer every
      // frame OK and the NG gate would never fire: a known mix of verdicts instead.
      sim.setNgEvery(3);
      Path mqttOut = broker.subscribe("reader", "camera-bridge/#");
      String yaml =
          BridgeHarness.base()
              .set("mqtt.broker", broker.url())
              .set("mqtt.clientId", "e2e")
              .camera(
                  cameraEntry(
                          sim.baseUri().toString(),
                          "frameRate: 10",
                          "verdict: { deadline: 5s, onTimeout: ng }",
                          "outputs:",
                          "  - { type: line, name: gate, line: Line1, source: UserOutput1,"
                              + " pulse: 0, on: [ng] }",
                          "  - { type: mqtt, qos: 1, context: none }",
                          "  - { type: webhook, url: \"" + webhook.url() + "\" }")
                      .pekat("maxInFlight", 2))
              .toYaml();
      MeterRegistry registry;
      try (BridgeHarness harness = BridgeHarness.start(dir, yaml)) {
        registry = harness.bridge.metrics().registry();
        await().atMost(WAIT).until(() -> webhook.bodies().size() >= 40);
        // Configured at open: Line1 an output driven by UserOutput1.
        assertThat(camera.readRegister(FakeGenicam.LINE_SELECTOR)).isEqualTo(LINE1);
        assertThat(camera.readRegister(FakeGenicam.lineMode(LINE1))).isEqualTo(1);
        assertThat(camera.readRegister(FakeGenicam.lineSource(LINE1)))
            .isEqualTo(SOURCE_USER_OUTPUT1);
      }
      assertThat(camera.readRegister(FakeGenicam.userOutputValue(USER_OUTPUT1)))
          .as("idle level restored on stop")
          .isZero();

      List<JsonNode> journal = journal();
      List<Long> answerOrder = journal.stream().map(j -> j.get("sequence").asLong()).toList();
      assertThat(answerOrder)
          .as("two lanes with random latency answer out of order")
          .isNotEqualTo(answerOrder.stream().sorted().toList());
      Map<Long, String> verdicts = new LinkedHashMap<>();
      journal.forEach(j -> verdicts.put(j.get("sequence").asLong(), j.get("verdict").asText()));

      List<JsonNode> posted = webhook.bodies().stream().map(OutputsEndToEndIT::parse).toList();
      List<Long> postedOrder = sequences(posted);
      assertThat(postedOrder).as("in order, each once").isSorted().doesNotHaveDuplicates();
      long first = postedOrder.get(0);
      assertThat(postedOrder)
          .as("no sequence skipped")
          .containsExactlyElementsOf(
              java.util.stream.LongStream.range(first, first + postedOrder.size())
                  .boxed()
                  .toList());
      for (JsonNode p : posted) {
        String v = p.get("verdict").asText();
        if (v.equals("OK") || v.equals("NG")) {
          assertThat(verdicts.get(p.get("sequence").asLong()))
              .as("verdict of sequence %d", p.get("sequence").asLong())
              .isEqualTo(v);
        }
      }
      assertThat(posted).extracting(p -> p.get("camera").asText()).containsOnly("cam");

      await()
          .atMost(WAIT)
          .until(() -> new LinkedHashSet<>(mqttSequences(mqttOut)).containsAll(postedOrder));
      List<Long> viaMqtt = new ArrayList<>(new LinkedHashSet<>(mqttSequences(mqttOut)));
      assertThat(viaMqtt).isSorted();
      assertThat(viaMqtt).containsAll(postedOrder);

      // The gate (on: [ng]; timeouts count as NG) wrote the register once for every NG part:
      // fired while running, dropped for the parts decided while the service stopped.
      double firing = verdicts(registry, "ng") + verdicts(registry, "timeout");
      assertThat(firing).isPositive();
      assertThat(gate(registry, "failed")).isZero();
      assertThat(gate(registry, "fired")).isPositive();
      assertThat(gate(registry, "fired") + gate(registry, "dropped")).isEqualTo(firing);
    }
  }

  private static double verdicts(MeterRegistry registry, String verdict) {
    return registry
        .get("camerabridge.verdicts")
        .tags("camera", "cam", "verdict", verdict)
        .functionCounter()
        .count();
  }

  private static double gate(MeterRegistry registry, String result) {
    return registry
        .get("camerabridge.outputs")
        .tags("camera", "cam", "output", "gate", "result", result)
        .counter()
        .count();
  }

  @Test
  void aSlowAnalyzerTimesOutAtTheDeadlineAndItsLateVerdictIsJournaledNotFired() throws Exception {
    try (WebhookReceiver webhook = WebhookReceiver.start();
        PekatSimulator sim =
            PekatSimulator.builder()
                .port(0)
                .latency(Latency.fixed(Duration.ofMillis(700)))
                .build()
                .start()) {
      String yaml =
          BridgeHarness.config(
              cameraEntry(
                  sim.baseUri().toString(),
                  "frameRate: 2",
                  "verdict: { deadline: 200ms, onTimeout: ng }",
                  "outputs:",
                  "  - { type: webhook, url: \"" + webhook.url() + "\", context: none }"));
      double lateCount;
      try (BridgeHarness harness = BridgeHarness.start(dir, yaml)) {
        await()
            .atMost(WAIT)
            .until(() -> journal().stream().filter(j -> j.path("late").asBoolean()).count() >= 3);
        lateCount =
            harness
                .bridge
                .metrics()
                .registry()
                .get("camerabridge.verdicts.late")
                .functionCounter()
                .count();
      }
      assertThat(lateCount).isGreaterThanOrEqualTo(3);

      List<JsonNode> posted = webhook.bodies().stream().map(OutputsEndToEndIT::parse).toList();
      assertThat(sequences(posted)).isSorted().doesNotHaveDuplicates();
      Map<Long, JsonNode> bySequence = new LinkedHashMap<>();
      posted.forEach(p -> bySequence.put(p.get("sequence").asLong(), p));
      List<JsonNode> late = journal().stream().filter(j -> j.path("late").asBoolean()).toList();
      assertThat(late).hasSizeGreaterThanOrEqualTo(3);
      for (JsonNode answer : late) {
        long seq = answer.get("sequence").asLong();
        JsonNode told = bySequence.get(seq);
        assertThat(told).as("sequence %d was told once", seq).isNotNull();
        assertThat(told.get("verdict").asText()).isEqualTo("TIMEOUT");
        assertThat(told.get("decision").asText()).isEqualTo("NG");
        // The timeout was decided before the answer came: at the deadline, not at the answer.
        assertThat(told.get("latencyMs").asDouble())
            .isGreaterThanOrEqualTo(200)
            .isLessThan(answer.get("timingsMs").get("endToEnd").asDouble());
      }
    }
  }

  @Test
  void aLineOutputPulsesTheCamerasUserOutput() throws Exception {
    try (PekatSimulator sim = PekatSimulator.builder().port(0).build().start()) {
      String yaml =
          BridgeHarness.config(
              cameraEntry(
                  sim.baseUri().toString(),
                  "frameRate: 1",
                  "outputs:",
                  "  - { type: line, line: Line1, source: UserOutput1, pulse: 300ms, on: [any] }"));
      try (BridgeHarness harness = BridgeHarness.start(dir, yaml)) {
        int register = FakeGenicam.userOutputValue(USER_OUTPUT1);
        await()
            .atMost(WAIT)
            .pollInterval(Duration.ofMillis(5))
            .until(() -> camera.readRegister(register) == 1);
        await()
            .atMost(WAIT)
            .pollInterval(Duration.ofMillis(5))
            .until(() -> camera.readRegister(register) == 0);
        await()
            .atMost(WAIT)
            .until(
                () ->
                    harness
                            .bridge
                            .metrics()
                            .registry()
                            .find("camerabridge.outputs")
                            .tags("output", "line", "result", "fired")
                            .counter()
                            .count()
                        >= 1);
      }
    }
  }

  private List<JsonNode> journal() {
    try {
      Path file = dir.resolve("cam.jsonl");
      if (!Files.exists(file)) {
        return List.of();
      }
      return Files.readAllLines(file).stream()
          .filter(l -> !l.isBlank())
          .map(OutputsEndToEndIT::parse)
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Long> mqttSequences(Path out) throws IOException {
    List<Long> seqs = new ArrayList<>();
    for (String line : Files.readAllLines(out)) {
      if (line.startsWith("camera-bridge/cam/result ")) {
        seqs.add(parse(line.substring(line.indexOf(' ') + 1)).get("sequence").asLong());
      }
    }
    return seqs;
  }

  private static List<Long> sequences(List<JsonNode> bodies) {
    return bodies.stream().map(b -> b.get("sequence").asLong()).toList();
  }

  private static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
