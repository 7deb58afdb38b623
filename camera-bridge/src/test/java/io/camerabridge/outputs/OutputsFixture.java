package io.camerabridge.outputs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camerabridge.config.BridgeConfig;
import io.camerabridge.config.ConfigLoader;
import io.camerabridge.config.yaml.CameraYaml;
import io.camerabridge.config.yaml.ConfigYaml;
import io.camerabridge.outcome.Outcome;
import io.camerabridge.outcome.Verdict;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Map;

/** Builds a camera's outputs from YAML and feeds its sequencer, as the pipeline would. */
final class OutputsFixture {
  static final ObjectMapper JSON = new ObjectMapper();

  private OutputsFixture() {}

  /** A whole file: {@code top} lines at the top level, {@code camera} lines under the camera. */
  static BridgeConfig config(String top, String camera) {
    String yaml =
        ConfigYaml.create()
            .yaml(top)
            .camera(
                CameraYaml.of("cam", "CAM-1")
                    .pixelFormat("Mono8")
                    .pekat("http://127.0.0.1:8000")
                    .yaml(camera))
            .toYaml();
    try {
      return new ConfigLoader(Map.of()).parse("test.yaml", yaml);
    } catch (io.camerabridge.config.ConfigException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  static long epochNow() {
    Instant i = Instant.now();
    return i.getEpochSecond() * 1_000_000_000L + i.getNano();
  }

  /** Parts 1..n answered in order: every third NG (2 defects), the others OK. */
  static void feed(CameraOutputs outputs, long from, long to) {
    for (long seq = from; seq <= to; seq++) {
      outputs.sequencer().expect(seq, 1000 + seq, epochNow());
      outputs.sequencer().answer(seq, verdictFor(seq));
    }
  }

  static Verdict verdictFor(long seq) {
    return seq % 3 == 0
        ? new Verdict(
            Outcome.NG, 2, Map.of("scratch", 2), "{\"result\":false,\"n\":" + seq + "}", null)
        : new Verdict(Outcome.OK, 0, Map.of(), "{\"result\":true,\"n\":" + seq + "}", null);
  }

  static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  static double count(MeterRegistry registry, String output, String result) {
    Counter c =
        registry
            .find("camerabridge.outputs")
            .tags("camera", "cam", "output", output, "result", result)
            .counter();
    return c == null ? 0 : c.count();
  }
}
