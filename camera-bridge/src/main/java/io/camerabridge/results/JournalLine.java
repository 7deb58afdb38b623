package io.camerabridge.results;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camerabridge.outcome.ChunkJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;

/**
 * One {@link FrameRecord} as one line of the journal: a JSON object and its newline. Used by the
 * journal's writer thread only; the line buffer is reused from record to record.
 */
final class JournalLine {
  private final ObjectMapper json = new ObjectMapper();
  private final ByteArrayOutputStream line = new ByteArrayOutputStream(4096);

  /** The record's line, valid until the next call. */
  ByteArrayOutputStream encode(FrameRecord r) throws IOException {
    line.reset();
    try (JsonGenerator g = json.getFactory().createGenerator(line, JsonEncoding.UTF8)) {
      g.writeStartObject();
      g.writeStringField("camera", r.camera());
      g.writeNumberField("sequence", r.sequence());
      g.writeNumberField("frameId", r.frameId());
      g.writeNumberField("timestampNanos", r.timestampNanos());
      g.writeNumberField("systemTimestampNanos", r.systemTimestampNanos());
      g.writeStringField("completedAt", r.completedAt().toString());
      g.writeStringField("outcome", r.outcome());
      g.writeStringField("verdict", r.verdict().name());
      if (r.partId() != null) {
        g.writeStringField("partId", r.partId());
      }
      if (r.analyzer() != null) {
        g.writeStringField("analyzer", r.analyzer());
      }
      if (r.late()) {
        g.writeBooleanField("late", true);
      }
      g.writeObjectFieldStart("timingsMs");
      for (Map.Entry<String, Double> t : r.timingsMillis().entrySet()) {
        g.writeNumberField(t.getKey(), t.getValue());
      }
      g.writeEndObject();
      if (r.error() != null) {
        g.writeStringField("error", r.error());
      }
      if (!r.chunks().isEmpty()) {
        ChunkJson.write(g, r.chunks());
      }
      if (r.contextJson() != null) {
        writeContext(g, r.contextJson());
      }
      g.writeEndObject();
    }
    line.write('\n');
    return line;
  }

  /** Re-encodes the context so a pretty-printed answer cannot break the one-line-per-frame rule. */
  private void writeContext(JsonGenerator g, String contextJson) throws IOException {
    JsonNode context;
    try {
      context = json.readTree(contextJson);
    } catch (JsonProcessingException e) {
      g.writeStringField("contextText", contextJson);
      return;
    }
    g.writeFieldName("context");
    json.writeTree(g, context);
  }
}
