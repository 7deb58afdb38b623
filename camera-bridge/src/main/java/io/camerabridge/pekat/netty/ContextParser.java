package io.camerabridge.pekat.netty;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camerabridge.pekat.AnalysisResult;
import io.camerabridge.pekat.AnalysisResult.Verdict;
import io.camerabridge.pekat.ClassLabel;
import io.camerabridge.pekat.DetectedRectangle;
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
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new MalformedContextException(
          "context is not valid JSON (" + e.getOriginalMessage() + ")");
    }
    if (root == null || !root.isObject()) {
      throw new MalformedContextException(
          "context is not a JSON object but " + (root == null ? "empty" : root.getNodeType()));
    }
    JsonNode result = root.get("result");
    Verdict verdict =
        result == null || !result.isBoolean()
            ? Verdict.NONE
            : result.booleanValue() ? Verdict.OK : Verdict.NG;
    // PEKAT always sends "processing"; without it, a result is the best evidence it ran.
    boolean processing = root.path("processing").asBoolean(verdict != Verdict.NONE);
    boolean error = root.path("error").asBoolean(false);
    return new AnalysisResult(
        verdict, processing, error, rectangles(root.get("detectedRectangles")), json, png);
  }

  private static List<DetectedRectangle> rectangles(JsonNode list) {
    if (list == null || !list.isArray()) {
      return List.of();
    }
    List<DetectedRectangle> out = new ArrayList<>(list.size());
    for (JsonNode r : list) {
      if (!r.isObject()) {
        continue;
      }
      out.add(
          new DetectedRectangle(
              r.path("x").asDouble(0),
              r.path("y").asDouble(0),
              r.path("width").asDouble(0),
              r.path("height").asDouble(0),
              confidence(r),
              classes(r.get("classNames"))));
    }
    return out;
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
