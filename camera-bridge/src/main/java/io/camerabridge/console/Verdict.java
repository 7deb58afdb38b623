package io.camerabridge.console;

import io.camerabridge.pekat.DetectedRectangle;
import java.time.Instant;
import java.util.List;

/**
 * The last answer the analyzer gave for a camera, as the console draws it over the preview.
 *
 * @param sequence the pipeline's sequence number of the frame it is about
 * @param frameId the camera's frame id
 * @param at when it was known
 * @param outcome {@code ok}, {@code ng}, {@code no_verdict} or the failure's name
 * @param rectangles what PEKAT detected, in frame pixels
 * @param analyzer the PEKAT instance ({@code host:port}) that answered, or null
 */
record Verdict(
    long sequence,
    long frameId,
    Instant at,
    String outcome,
    List<DetectedRectangle> rectangles,
    String analyzer) {
  Verdict {
    rectangles = List.copyOf(rectangles);
  }
}
