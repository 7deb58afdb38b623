package io.camerabridge.tools.sim;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One answer before it goes on the wire: status, content type, the complete body and extra headers.
 * {@code context} is the JSON part (the whole body for a context answer, the bytes after the PNG
 * with {@code context_in_body}), kept so the malformed-JSON fault can cut it.
 */
record SimResponse(
    int status, String contentType, byte[] body, Map<String, String> headers, byte[] context) {
  static final String JSON = "application/json";
  static final String PNG = "image/png";
  static final String TEXT = "text/plain; charset=utf-8";

  /** A 200 whose whole body is the JSON context. */
  static SimResponse json(byte[] context) {
    return new SimResponse(200, JSON, context, Map.of(), context);
  }

  /** A text answer of one line (a newline is appended). */
  static SimResponse text(int status, String line) {
    byte[] body = (line + "\n").getBytes(StandardCharsets.UTF_8);
    return new SimResponse(status, TEXT, body, Map.of(), null);
  }
}
