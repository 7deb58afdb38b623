package io.camerabridge.outcome;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.Map;

/**
 * A frame's chunk values as a JSON object, the same in the journal and in the outputs' payload, so
 * a consumer reads them one way wherever they come from.
 */
public final class ChunkJson {
  private ChunkJson() {}

  /**
   * Writes {@code "chunks": {...}}: integers stay integers; a float JSON cannot carry (NaN,
   * infinite) is written as null.
   */
  public static void write(JsonGenerator g, Map<String, Number> chunks) throws IOException {
    g.writeObjectFieldStart("chunks");
    for (Map.Entry<String, Number> c : chunks.entrySet()) {
      if (c.getValue() instanceof Double d && !Double.isFinite(d)) {
        g.writeNullField(c.getKey());
      } else if (c.getValue() instanceof Double d) {
        g.writeNumberField(c.getKey(), d);
      } else {
        g.writeNumberField(c.getKey(), c.getValue().longValue());
      }
    }
    g.writeEndObject();
  }
}
