package io.camerabridge.tools.sim.analysis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Builds PEKAT's result context, with the field names and types of the vendor's context model: the
 * five-field bare context (processing off) and the full one.
 */
public final class ContextJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** Detections are reported as coming from one detector module, like a trained PEKAT flow. */
  private static final int MODEL_ID = 1;

  private static final int MODULE_ID = 1;
  private static final int DEFECT_CLASS_ID = 1;

  private ContextJson() {}

  /** Seconds and the image size every context carries. */
  public record Timing(double processingSeconds, double completeSeconds) {}

  /** The context PEKAT answers when "Process" is off: exactly these five fields. */
  public static ObjectNode bare(int width, int height, double processingSeconds) {
    ObjectNode context = MAPPER.createObjectNode();
    context.put("processing", false);
    context.put("error", false);
    shape(context, width, height);
    context.put("processingTime", round(processingSeconds));
    context.put("save", false);
    return context;
  }

  /**
   * The full context of an analysed image.
   *
   * @param data the request's {@code data} value, copied verbatim
   */
  public static ObjectNode full(
      int width, int height, Analysis analysis, String data, Timing timing) {
    ObjectNode context = header(width, height, data, timing);
    context.put("score", round(analysis.score()));
    context.put("threshold", round(analysis.threshold() / 255.0));
    ArrayNode rectangles = context.putArray("detectedRectangles");
    int id = 1;
    for (Region region : analysis.regions()) {
      rectangles.add(rectangle(id++, region));
    }
    context.put("result", analysis.ok());
    return context;
  }

  /**
   * A full-shaped context without analysis (OK, no rectangles), for benchmarks that must not pay
   * for touching pixels.
   */
  public static ObjectNode unanalysed(
      int width, int height, String data, int threshold, Timing timing) {
    ObjectNode context = header(width, height, data, timing);
    context.put("score", 0.0);
    context.put("threshold", round(threshold / 255.0));
    context.putArray("detectedRectangles");
    context.put("result", true);
    return context;
  }

  /** Turns an unanalysed OK context into an NG one with one defect (benchmarks' verdict mix). */
  public static void markNg(ObjectNode context) {
    ObjectNode rect = context.putArray("detectedRectangles").addObject();
    rect.put("x", 0).put("y", 0).put("width", 8).put("height", 8).put("confidence", 1.0);
    rect.putArray("classNames").addObject().put("label", "defect").put("confidence", 1.0);
    context.put("result", false);
  }

  /**
   * Turns a full context into that of a flow whose module failed: PEKAT still answers 200, with
   * {@code error} true, the failure in {@code errors} and {@code stderr}, and no verdict of OK.
   */
  public static void flowError(ObjectNode context) {
    context.put("error", true);
    context.putArray("errors").add("Code module failed: ZeroDivisionError: division by zero");
    context.put(
        "stderr",
        "Traceback (most recent call last):\n"
            + "  File \"code_module.py\", line 12, in main\n"
            + "    ratio = area / count\n"
            + "ZeroDivisionError: division by zero\n"
            + "(pekat-sim: injected fault flow-error)\n");
    context.putArray("detectedRectangles");
    context.put("result", false);
  }

  private static ObjectNode header(int width, int height, String data, Timing timing) {
    ObjectNode context = MAPPER.createObjectNode();
    context.put("processing", true);
    context.put("error", false);
    context.putArray("errors");
    context.put("stdout", "");
    context.put("stderr", "");
    shape(context, width, height);
    context.put("processingTime", round(timing.processingSeconds()));
    context.put("completeTime", round(timing.completeSeconds()));
    context.put("data", data);
    context.put("production_mode", true);
    context.put("save", false);
    context.putObject("operatorInput");
    context.putObject("globalData");
    context.putArray("surfaceClasses");
    context.putNull("angle");
    context.putArray("lines");
    return context;
  }

  private static void shape(ObjectNode context, int width, int height) {
    ObjectNode shape = context.putObject("imageShape");
    shape.put("height", height);
    shape.put("width", width);
  }

  private static ObjectNode rectangle(int id, Region region) {
    ObjectNode rect = MAPPER.createObjectNode();
    double confidence = round(region.meanIntensity() / 255.0);
    rect.put("id", id);
    rect.put("x", region.x());
    rect.put("y", region.y());
    rect.put("width", region.width());
    rect.put("height", region.height());
    rect.put("rotate", 0.0);
    rect.put("confidence", confidence);
    ObjectNode cls = rect.putArray("classNames").addObject();
    cls.put("id", DEFECT_CLASS_ID);
    cls.put("label", "defect");
    cls.put("confidence", (int) Math.round(confidence * 100));
    cls.put("color", "#ff2020");
    ObjectNode source = rect.putObject("source");
    source.put("modelId", MODEL_ID);
    source.put("moduleId", MODULE_ID);
    source.put("type", "DETECTOR");
    return rect;
  }

  private static double round(double value) {
    return Math.round(value * 1000) / 1000.0;
  }

  /** The context as UTF-8 JSON bytes. */
  public static byte[] toBytes(ObjectNode context) {
    try {
      return MAPPER.writeValueAsBytes(context);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serialises", e);
    }
  }
}
