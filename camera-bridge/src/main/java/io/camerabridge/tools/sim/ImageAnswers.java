package io.camerabridge.tools.sim;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camerabridge.pekat.ResponseType;
import io.camerabridge.tools.sim.analysis.Analysis;
import io.camerabridge.tools.sim.analysis.ContextJson;
import io.camerabridge.tools.sim.analysis.Frame;
import io.camerabridge.tools.sim.analysis.PngRenderer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/** Builds the body and headers of an answer for each response type and context placement. */
final class ImageAnswers {
  static final String CONTEXT_HEADER = "ContextBase64utf";
  static final String IMAGE_LEN_HEADER = "ImageLen";

  private ImageAnswers() {}

  /**
   * The answer for {@code type}. Without an analysis (processing off or discard) there is no image
   * to return and the whole body is the JSON context, which every PEKAT SDK accepts.
   */
  static SimResponse answer(
      ResponseType type,
      boolean contextInBody,
      Frame frame,
      Analysis analysis,
      ObjectNode context) {
    byte[] json = ContextJson.toBytes(context);
    if (type == ResponseType.CONTEXT || analysis == null) {
      return SimResponse.json(json);
    }
    byte[] png =
        switch (type) {
          case IMAGE -> PngRenderer.image(frame);
          case ANNOTATED_IMAGE -> PngRenderer.annotated(frame, analysis);
          case HEATMAP -> PngRenderer.heatmap(frame, analysis);
          case CONTEXT -> throw new AssertionError("handled above");
        };
    if (contextInBody) {
      byte[] body = new byte[png.length + json.length];
      System.arraycopy(png, 0, body, 0, png.length);
      System.arraycopy(json, 0, body, png.length, json.length);
      return new SimResponse(
          200,
          "application/octet-stream",
          body,
          Map.of(IMAGE_LEN_HEADER, Integer.toString(png.length)),
          json);
    }
    String encoded = new String(Base64.getEncoder().encode(json), StandardCharsets.US_ASCII);
    return new SimResponse(200, SimResponse.PNG, png, Map.of(CONTEXT_HEADER, encoded), json);
  }
}
