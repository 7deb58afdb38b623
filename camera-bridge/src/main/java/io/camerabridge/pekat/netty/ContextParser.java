package io.camerabridge.pekat.netty;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import io.camerabridge.pekat.AnalysisResult;
import io.camerabridge.pekat.AnalysisResult.Verdict;
import io.camerabridge.pekat.ClassLabel;
import io.camerabridge.pekat.DetectedRectangle;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads PEKAT's context JSON with Jackson data binding, leniently: the four keys the client uses
 * are bound as JSON values and read by the rules below, every other key stays in the raw text.
 * Rejected: a body that is not one JSON object, including one followed by more content ({@code
 * {...}{...}}), which would otherwise be taken as the first object's verdict.
 */
final class ContextParser {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final ObjectReader CONTEXT = MAPPER.readerFor(Wire.class);

  private ContextParser() {}

  /** The keys the client reads; values stay JSON so that an odd shape is not an error. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Wire(JsonNode result, JsonNode processing, JsonNode error, JsonNode detectedRectangles) {}

  /**
   * @param json the context text, kept as the result's raw context
   * @throws MalformedContextException when the text is not exactly one JSON object
   */
  static AnalysisResult parse(String json, Optional<byte[]> png) {
    try (JsonParser p = MAPPER.createParser(json)) {
      JsonToken first = p.nextToken();
      if (first != JsonToken.START_OBJECT) {
        throw new MalformedContextException("context is not a JSON object but " + nodeType(first));
      }
      Wire wire = CONTEXT.readValue(p);
      requireEnd(p);
      return result(wire, json, png);
    } catch (JsonProcessingException e) {
      throw new MalformedContextException(
          "context is not valid JSON (" + e.getOriginalMessage() + ")");
    } catch (IOException e) {
      // Reading a String does no I/O; keep the contract of one exception type anyway.
      throw new MalformedContextException("context could not be read (" + e.getMessage() + ")");
    }
  }

  /** Only whitespace may follow the object: {@code {...}{...}} is not the first one's verdict. */
  private static void requireEnd(JsonParser p) throws IOException {
    long at = p.currentLocation().getCharOffset();
    JsonToken after;
    try {
      after = p.nextToken();
    } catch (JsonProcessingException e) {
      after = JsonToken.NOT_AVAILABLE;
    }
    if (after != null) {
      throw new MalformedContextException(
          "context has more after its JSON object (from character " + at + ")");
    }
  }

  private static AnalysisResult result(Wire wire, String json, Optional<byte[]> png) {
    Verdict verdict = Verdict.NONE;
    if (wire.result() != null && wire.result().isBoolean()) {
      verdict = wire.result().booleanValue() ? Verdict.OK : Verdict.NG;
    }
    Boolean processing = asBoolean(wire.processing());
    boolean error = Boolean.TRUE.equals(asBoolean(wire.error()));
    // PEKAT always sends "processing"; without it, a result is the best evidence it ran.
    boolean ran = processing != null ? processing : verdict != Verdict.NONE;
    return new AnalysisResult(
        verdict, ran, error, rectangles(wire.detectedRectangles()), json, png);
  }

  /**
   * Booleans, integers (non-zero is true) and the texts "true"/"false"; null when the value has no
   * boolean reading and the default applies.
   */
  private static Boolean asBoolean(JsonNode value) {
    if (value == null) {
      return null;
    }
    if (value.isBoolean()) {
      return value.booleanValue();
    }
    if (value.isIntegralNumber()) {
      return value.canConvertToLong()
          ? value.longValue() != 0
          : value.bigIntegerValue().signum() != 0;
    }
    if (value.isTextual()) {
      String text = value.textValue().trim();
      return "true".equals(text) ? Boolean.TRUE : "false".equals(text) ? Boolean.FALSE : null;
    }
    return null;
  }

  /** The object elements of the array; anything else in it is skipped. */
  private static List<DetectedRectangle> rectangles(JsonNode list) {
    if (list == null || !list.isArray() || list.isEmpty()) {
      return List.of();
    }
    List<DetectedRectangle> out = new ArrayList<>(list.size());
    for (JsonNode r : list) {
      if (r.isObject()) {
        out.add(rectangle(r));
      }
    }
    return out;
  }

  private static String nodeType(JsonToken token) {
    if (token == null) {
      return JsonNodeType.MISSING.toString();
    }
    return switch (token) {
      case START_OBJECT -> JsonNodeType.OBJECT.toString();
      case START_ARRAY -> JsonNodeType.ARRAY.toString();
      case VALUE_STRING -> JsonNodeType.STRING.toString();
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> JsonNodeType.NUMBER.toString();
      case VALUE_TRUE, VALUE_FALSE -> JsonNodeType.BOOLEAN.toString();
      case VALUE_NULL -> JsonNodeType.NULL.toString();
      default -> token.toString();
    };
  }

  private static DetectedRectangle rectangle(JsonNode r) {
    return new DetectedRectangle(
        r.path("x").asDouble(0),
        r.path("y").asDouble(0),
        r.path("width").asDouble(0),
        r.path("height").asDouble(0),
        confidence(r),
        classes(r.get("classNames")));
  }

  private static List<ClassLabel> classes(JsonNode list) {
    if (list == null || !list.isArray()) {
      return List.of();
    }
    List<ClassLabel> out = new ArrayList<>(list.size());
    for (JsonNode c : list) {
      if (c.isTextual()) {
        out.add(new ClassLabel(c.asText(), Double.NaN));
      } else if (c.isObject()) {
        out.add(new ClassLabel(c.path("label").asText(""), confidence(c)));
      }
    }
    return out;
  }

  private static double confidence(JsonNode node) {
    JsonNode c = node.get("confidence");
    return c != null && c.isNumber() ? c.doubleValue() : Double.NaN;
  }

  /** The context text could not be read as one JSON object. */
  static final class MalformedContextException extends RuntimeException {
    MalformedContextException(String message) {
      super(message, null, false, false);
    }
  }
}
