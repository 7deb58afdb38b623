package io.camerabridge.outputs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.camerabridge.config.ContextDetail;
import io.camerabridge.outcome.Outcome;
import io.camerabridge.outcome.PartOutcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The payload and the published schema (docs/outputs.schema.json) agree: every field written is in
 * the schema, every required one is written, and enum values are the schema's.
 */
class PayloadSchemaTest {
  private static final Path SCHEMA =
      Path.of(System.getProperty("camerabridge.root", "..")).resolve("docs/outputs.schema.json");

  private static PartOutcome part(Outcome outcome, Outcome decision, String error) {
    return new PartOutcome(
        "line1-top",
        42,
        65_442,
        outcome,
        decision,
        outcome == Outcome.NG ? 2 : 0,
        1_796_197_372_123_456_789L,
        38_412_000,
        false,
        outcome == Outcome.NG ? Map.of("scratch", 2) : Map.of(),
        outcome == Outcome.NG ? "{\"result\":false,\"detectedRectangles\":[]}" : null,
        error,
        outcome == Outcome.OK ? Map.of() : chunks(),
        outcome == Outcome.OK ? null : "P-42",
        outcome == Outcome.OK || outcome == Outcome.NG ? "10.0.0.5:8001" : null);
  }

  private static Map<String, Number> chunks() {
    Map<String, Number> chunks = new LinkedHashMap<>();
    chunks.put("ExposureTime", 2500.0);
    chunks.put("FrameID", 65_442L);
    chunks.put("Gain", Double.NaN);
    return chunks;
  }

  @Test
  void everyPayloadKindFitsTheSchema() throws IOException {
    JsonNode schema = OutputsFixture.parse(Files.readString(SCHEMA));
    JsonNode properties = schema.get("properties");
    List<String> required = new ArrayList<>();
    schema.get("required").forEach(r -> required.add(r.asText()));

    for (PartOutcome p :
        List.of(
            part(Outcome.NG, Outcome.NG, null),
            part(Outcome.OK, Outcome.OK, null),
            part(Outcome.TIMEOUT, Outcome.NG, null),
            part(Outcome.ERROR, null, "http_error"))) {
      for (ContextDetail detail : ContextDetail.values()) {
        JsonNode json = OutputsFixture.parse(new String(Payload.of(p, detail)));
        List<String> names = new ArrayList<>();
        json.fieldNames().forEachRemaining(names::add);
        assertThat(names).as("%s %s", p.outcome(), detail).containsAll(required);
        assertThat(properties.has("classes")).isTrue();
        names.forEach(n -> assertThat(properties.has(n)).as("schema has %s", n).isTrue());
        assertThat(enumValues(properties.get("verdict"))).contains(json.get("verdict").asText());
        assertThat(enumValues(properties.get("decision")))
            .contains(json.get("decision").isNull() ? "null" : json.get("decision").asText());
        assertThat(json.get("timestamp").asText()).isEqualTo("2026-12-02T07:42:52.123456789Z");
        assertThat(json.get("latencyMs").asDouble()).isEqualTo(38.412);
      }
    }
  }

  @Test
  void chunkValuesKeepTheirTypeAndOrderAndOnlyAppearWhenThereAreAny() {
    JsonNode ng =
        OutputsFixture.parse(
            new String(Payload.of(part(Outcome.NG, Outcome.NG, null), ContextDetail.NONE)));
    JsonNode chunks = ng.get("chunks");
    List<String> names = new ArrayList<>();
    chunks.fieldNames().forEachRemaining(names::add);
    assertThat(names).containsExactly("ExposureTime", "FrameID", "Gain");
    assertThat(chunks.get("ExposureTime").isDouble()).isTrue();
    assertThat(chunks.get("ExposureTime").asDouble()).isEqualTo(2500.0);
    assertThat(chunks.get("FrameID").isIntegralNumber()).isTrue();
    assertThat(chunks.get("FrameID").asLong()).isEqualTo(65_442L);
    assertThat(chunks.get("Gain").isNull()).isTrue();

    JsonNode ok =
        OutputsFixture.parse(
            new String(Payload.of(part(Outcome.OK, Outcome.OK, null), ContextDetail.NONE)));
    assertThat(ok.has("chunks")).isFalse();
  }

  @Test
  void theInstanceThatAnsweredIsNamedAndAPartWithoutAnAnswerNamesNone() {
    JsonNode ng =
        OutputsFixture.parse(
            new String(Payload.of(part(Outcome.NG, Outcome.NG, null), ContextDetail.NONE)));
    JsonNode timeout =
        OutputsFixture.parse(
            new String(Payload.of(part(Outcome.TIMEOUT, Outcome.NG, null), ContextDetail.NONE)));

    assertThat(ng.get("analyzer").asText()).isEqualTo("10.0.0.5:8001");
    assertThat(timeout.has("analyzer")).isFalse();
  }

  @Test
  void fullContextIsPekatsJsonAsReceived() {
    JsonNode json =
        OutputsFixture.parse(
            new String(Payload.of(part(Outcome.NG, Outcome.NG, null), ContextDetail.FULL)));

    assertThat(json.get("context").get("result").asBoolean()).isFalse();
    assertThat(json.has("classes")).isFalse();
  }

  private static List<String> enumValues(JsonNode property) {
    List<String> values = new ArrayList<>();
    property.get("enum").forEach(v -> values.add(v.isNull() ? "null" : v.asText()));
    return values;
  }
}
