package io.camerabridge.pekat.netty;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
 * Reads PEKAT's context JSON leniently: fields it knows are typed, everything else stays in the raw
 * text. Only a body that is not a JSON object is rejected.
 */
final class ContextParser {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private ContextParser() {}

  /**
   * @throws MalformedContextException when the text is not a JSON object
   */
  static AnalysisResult parse(String json, Optional<byte[]> png) {
    // Streams the top level instead of building a tree of the whole context: PEKAT contexts carry
    // about twenty keys and only four are read, so a tree per frame was most of the client's heap.
    try (JsonParser p = MAPPER.createParser(json)) {
      JsonToken first = p.nextToken();
      if (first != JsonToken.START_OBJECT) {
        throw new MalformedContextException("context is not a JSON object but " + nodeType(first));
      }
      return topLevel(p, json, png);
    } catch (JsonProcessingException e) {
      throw new MalformedContextException(
          "context is not valid JSON (" + e.getOriginalMessage() + ")");
    } catch (IOException e) {
      // Reading a String does no I/O; keep the contract of one exception type anyway.
      throw new MalformedContextException("context could not be read (" + e.getMessage() + ")");
    }
  }

  /**
   * Reads the keys of the root object. A repeated key counts once, last occurrence wins, as in a
   * tree; trailing text after the root object is ignored, as {@code readTree} did.
   */
  static AnalysisResult topLevel(JsonParser p, String json, Optional<byte[]> png)
      throws IOException {
    Verdict verdict = Verdict.NONE;
    Boolean processing = null;
    boolean error = false;
    List<DetectedRectangle> rectangles = List.of();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken value = p.nextToken();
      switch (name) {
        case "result" ->
            verdict =
                value == JsonToken.VALUE_TRUE
                    ? Verdict.OK
                    : value == JsonToken.VALUE_FALSE ? Verdict.NG : Verdict.NONE;
        case "processing" -> processing = asBoolean(p, value);
        case "error" -> error = Boolean.TRUE.equals(asBoolean(p, value));
        case "detectedRectangles" -> rectangles = rectangles(p, value);
        default -> {
          // Not modelled; it stays in the raw text.
        }
      }
      p.skipChildren();
    }
    // PEKAT always sends "processing"; without it, a result is the best evidence it ran.
    boolean ran = processing != null ? processing : verdict != Verdict.NONE;
    return new AnalysisResult(verdict, ran, error, rectangles, json, png);
  }

  /**
   * Jackson's {@code JsonNode.asBoolean} rules for a scalar (booleans, non-zero integers, the texts
   * "true"/"false"); null when the value has no boolean reading and the default applies.
   */
  private static Boolean asBoolean(JsonParser p, JsonToken value) throws IOException {
    if (value == null) {
      return null;
    }
    return switch (value) {
      case VALUE_TRUE -> Boolean.TRUE;
      case VALUE_FALSE -> Boolean.FALSE;
      case VALUE_NUMBER_INT ->
          p.getNumberType() == JsonParser.NumberType.BIG_INTEGER
              ? p.getBigIntegerValue().signum() != 0
              : p.getLongValue() != 0;
      case VALUE_STRING -> textBoolean(p.getText().trim());
      default -> null;
    };
  }

  private static Boolean textBoolean(String text) {
    if ("true".equals(text)) {
      return Boolean.TRUE;
    }
    return "false".equals(text) ? Boolean.FALSE : null;
  }

  /** Only the object elements of the array become trees; an empty list allocates nothing. */
  private static List<DetectedRectangle> rectangles(JsonParser p, JsonToken value)
      throws IOException {
    if (value != JsonToken.START_ARRAY) {
      return List.of();
    }
    List<DetectedRectangle> out = null;
    JsonToken element;
    while ((element = p.nextToken()) != JsonToken.END_ARRAY) {
      if (element != JsonToken.START_OBJECT) {
        p.skipChildren();
        continue;
      }
      if (out == null) {
        out = new ArrayList<>();
      }
      out.add(rectangle(MAPPER.readTree(p)));
    }
    return out == null ? List.of() : out;
  }

  private static String nodeType(JsonToken token) {
    if (token == null) {
      return JsonNodeType.MISSING.toString();
    }
    return switch (token) {
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

  /** The context text could not be read as a JSON object. */
  static final class MalformedContextException extends RuntimeException {
    MalformedContextException(String message) {
      super(message, null, false, false);
    }
  }
}
