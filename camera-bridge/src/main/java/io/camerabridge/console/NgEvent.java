package io.camerabridge.console;

import io.camerabridge.pekat.DetectedRectangle;
import java.time.Instant;
import java.util.List;

/**
 * One NG verdict remembered for the console's NG view (PEKAT's context JSON with the API key
 * removed, cut at {@link CameraPreview#MAX_CONTEXT_CHARS}).
 */
record NgEvent(
    long sequence,
    long frameId,
    Instant at,
    List<DetectedRectangle> rectangles,
    String contextJson) {
  NgEvent {
    rectangles = List.copyOf(rectangles);
  }
}
