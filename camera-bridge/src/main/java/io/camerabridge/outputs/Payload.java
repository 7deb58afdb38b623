package io.camerabridge.outputs;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.camerabridge.config.ContextDetail;
import io.camerabridge.outcome.ChunkJson;
import io.camerabridge.outcome.PartOutcome;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

/**
 * The JSON one outcome is sent as, the same for MQTT and webhooks (schema:
 * docs/outputs.schema.json). Written field by field, so PEKAT's context is embedded as received.
 */
final class Payload {
  private static final JsonFactory JSON = new JsonFactory();

  private Payload() {}

  /** The JSON text as UTF-8 bytes. */
  static byte[] of(PartOutcome part, ContextDetail context) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("camera", part.camera());
      g.writeNumberField("sequence", part.sequence());
      g.writeNumberField("frameId", part.frameId());
      if (part.partId() != null) {
        g.writeStringField("partId", part.partId());
      }
      g.writeStringField("verdict", part.outcome().name());
      if (part.decision() == null) {
        g.writeNullField("decision");
      } else {
        g.writeStringField("decision", part.decision().name());
      }
      g.writeNumberField("defects", part.defects());
      g.writeStringField("timestamp", timestamp(part.filledEpochNanos()));
      g.writeNumberField("latencyMs", Math.round(part.latencyNanos() / 1e3) / 1e3);
      g.writeBooleanField("late", part.late());
      if (part.analyzer() != null) {
        g.writeStringField("analyzer", part.analyzer());
      }
      if (part.error() != null) {
        g.writeStringField("error", part.error());
      }
      if (!part.chunks().isEmpty()) {
        ChunkJson.write(g, part.chunks());
      }
      writeContext(g, part, context);
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static void writeContext(JsonGenerator g, PartOutcome part, ContextDetail context)
      throws IOException {
    switch (context) {
      case NONE -> {}
      case FULL -> {
        if (part.contextJson() != null) {
          g.writeFieldName("context");
          g.writeRawValue(part.contextJson());
        }
      }
      case SUMMARY -> {
        g.writeObjectFieldStart("classes");
        for (Map.Entry<String, Integer> e : part.classes().entrySet()) {
          g.writeNumberField(e.getKey(), e.getValue());
        }
        g.writeEndObject();
      }
    }
  }

  private static String timestamp(long epochNanos) {
    return DateTimeFormatter.ISO_INSTANT.format(
        Instant.ofEpochSecond(
            Math.floorDiv(epochNanos, 1_000_000_000L), Math.floorMod(epochNanos, 1_000_000_000L)));
  }

  /** The outcome's name as used in topics and {@code on:} lists, e.g. {@code ng}. */
  static String lower(PartOutcome part) {
    return part.outcome().name().toLowerCase(Locale.ROOT);
  }
}
