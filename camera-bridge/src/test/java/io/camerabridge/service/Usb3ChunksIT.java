package io.camerabridge.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camerabridge.bindings.aravis.fake.FakeU3v;
import io.camerabridge.ops.CameraState;
import io.camerabridge.pipeline.CameraPipeline;
import io.camerabridge.testing.WebhookReceiver;
import io.camerabridge.tools.sim.PekatSimulator;
import io.camerabridge.tools.sim.RequestRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Chunk data end to end: fake-u3v's CBE2E3 (this JVM's libusb, the {@code fake-u3v} Failsafe
 * execution) sends every frame as a chunk list, Aravis's U3V stream receives it, the service reads
 * the values on its frame thread and writes them into the journal line and the webhook payload,
 * while PEKAT gets exactly the pixels in front of the chunks.
 */
@Tag("fake-u3v")
class Usb3ChunksIT {
  private static final String DEVICE = FakeU3v.VENDOR + "-CB0000000003-CBE2E3";
  private static final int WIDTH = 640;
  private static final int HEIGHT = 480;
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @BeforeAll
  static void thisJvmUsesFakeU3v() {
    assertThat(System.getenv("LD_LIBRARY_PATH"))
        .as("LD_LIBRARY_PATH of a JVM started by the fake-u3v test execution")
        .contains(FakeU3v.libraryDirectory().getFileName().toString());
  }

  @Test
  void journalAndPayloadCarryTheValuesTheCameraSent() throws Exception {
    try (WebhookReceiver webhook = WebhookReceiver.start();
        PekatSimulator sim =
            PekatSimulator.builder().port(0).checksums(true).recentRequests(500).build().start()) {
      String yaml =
          BridgeHarness.config(
                  BridgeHarness.camera(
                      "chunky",
                      DEVICE,
                      sim.baseUri().toString(),
                      dir,
                      WIDTH,
                      HEIGHT,
                      "frameRate: 20",
                      "chunks: [Timestamp, ExposureTime, Gain, FrameID]",
                      "outputs:",
                      "  - { type: webhook, url: \"" + webhook.url() + "\", context: none }"))
              .replace("exposure: 10ms", "exposure: 2500us")
              .replace("gain: 0", "gain: 3.5");
      try (BridgeHarness harness = BridgeHarness.start(dir, yaml)) {
        await()
            .atMost(Duration.ofSeconds(60))
            .until(() -> sim.stats().frames() >= 20 && webhook.bodies().size() >= 20);
        CameraPipeline pipeline = harness.bridge.pipelines().get(0);
        assertThat(pipeline.state()).isEqualTo(CameraState.STREAMING);
        assertThat(
                harness
                    .bridge
                    .metrics()
                    .registry()
                    .get("camerabridge.chunks.missing")
                    .tag("camera", "chunky")
                    .counter()
                    .count())
            .isZero();
      }

      List<JsonNode> journal = lines(dir.resolve("chunky.jsonl"));
      assertThat(journal).hasSizeGreaterThanOrEqualTo(20);
      for (JsonNode line : journal) {
        JsonNode chunks = line.get("chunks");
        assertThat(fieldNames(chunks))
            .containsExactly("Timestamp", "ExposureTime", "Gain", "FrameID");
        assertThat(chunks.get("FrameID").asLong()).isEqualTo(line.get("frameId").asLong());
        assertThat(chunks.get("Timestamp").asLong())
            .as("the leader's timestamp, as Aravis reports the buffer's")
            .isEqualTo(line.get("timestampNanos").asLong());
        assertThat(chunks.get("ExposureTime").asDouble()).isEqualTo(2500.0);
        assertThat(chunks.get("Gain").asDouble()).isEqualTo(3.5);
      }

      List<JsonNode> posted = webhook.bodies().stream().map(Usb3ChunksIT::parse).toList();
      assertThat(posted.stream().filter(p -> p.has("chunks")).count()).isGreaterThanOrEqualTo(20);
      Map<Long, Long> postedFrameIds = new HashMap<>();
      for (JsonNode p : posted) {
        JsonNode chunks = p.get("chunks");
        if (chunks == null) {
          // Popped while the service stopped: never read, told ERROR like every such part.
          assertThat(p.get("error").asText())
              .as("payload without chunks: %s", p)
              .isEqualTo("shutdown");
          continue;
        }
        assertThat(chunks.get("FrameID").asLong()).isEqualTo(p.get("frameId").asLong());
        assertThat(chunks.get("ExposureTime").asDouble()).isEqualTo(2500.0);
        assertThat(chunks.get("Gain").asDouble()).isEqualTo(3.5);
        postedFrameIds.put(p.get("sequence").asLong(), chunks.get("FrameID").asLong());
      }
      for (JsonNode line : journal) {
        Long fromPayload = postedFrameIds.get(line.get("sequence").asLong());
        if (fromPayload != null) {
          assertThat(fromPayload).isEqualTo(line.get("chunks").get("FrameID").asLong());
        }
      }

      // The camera's frames, without the warm-up (mid-grey, data=camera-bridge/warm-up).
      List<RequestRecord> requests = sim.stats().recentFrames();
      assertThat(requests).isNotEmpty();
      for (RequestRecord r : requests) {
        long frameId = Long.parseLong(r.query().get("data").split("/")[1]);
        assertThat(r.bodyBytes()).as("pixels only, no chunk bytes").isEqualTo(WIDTH * HEIGHT);
        assertThat(r.crc32c()).hasValue(FakeU3v.crc32c(WIDTH, HEIGHT, 0, 0, frameId));
      }
    }
  }

  @Test
  void aChunkWithoutValueFeatureKeepsTheCameraFromStreamingAndNamesIt() throws Exception {
    try (FaultRig rig = FaultRig.attach();
        PekatSimulator sim = PekatSimulator.builder().port(0).build().start()) {
      String yaml =
          BridgeHarness.config(
              BridgeHarness.camera(
                  "chunkless",
                  DEVICE,
                  sim.baseUri().toString(),
                  dir,
                  WIDTH,
                  HEIGHT,
                  "chunks: [FrameID, Image]"));
      try (BridgeHarness harness = BridgeHarness.start(dir, yaml)) {
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () ->
                    rig.messages("io.camerabridge").stream()
                        .anyMatch(m -> m.contains("ChunkImage")));
        String message =
            rig.messages("io.camerabridge").stream()
                .filter(m -> m.contains("ChunkImage"))
                .findFirst()
                .orElseThrow();
        assertThat(message)
            .contains("camera chunkless")
            .contains("chunks[1]: this camera has no ChunkImage feature to read the Image chunk's");
        CameraPipeline pipeline = harness.bridge.pipelines().get(0);
        assertThat(pipeline.state()).isNotEqualTo(CameraState.STREAMING);
        assertThat(pipeline.stats().snapshot().acquired()).isZero();
      }
    }
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static List<JsonNode> lines(Path file) throws IOException {
    List<JsonNode> out = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      out.add(JSON.readTree(line));
    }
    return out;
  }

  private static JsonNode parse(String body) {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
