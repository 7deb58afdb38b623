package io.camerabridge.console;

import io.camerabridge.pekat.DetectedRectangle;
import java.time.Instant;
import java.util.List;

/**
 * The last answer the analyzer gave for a camera, as the console draws it over the preview.
 *
 * @param frameId the frame it is about
 * @param at when it was known
 * @param outcome {@code ok}, {@code ng}, {@code no_verdict} or the failure's name
 * @param rectangles what PEKAT detected, in frame pixels
 */
record Verdict(long frameId, Instant at, String outcome, List<DetectedRectangle> rectangles) {
  Verdict {
    rectangles = List.copyOf(rectangles);
  }
}
