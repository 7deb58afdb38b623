package io.camerabridge.pekat;

import java.util.List;

/**
 * A rectangle PEKAT detected ({@code detectedRectangles[]} in the context), in image pixels.
 *
 * @param x left edge
 * @param y top edge
 * @param width width
 * @param height height
 * @param confidence 0..1, or NaN when PEKAT sent none
 * @param classNames the classes assigned to it, possibly empty
 */
public record DetectedRectangle(
    double x,
    double y,
    double width,
    double height,
    double confidence,
    List<ClassLabel> classNames) {
  public DetectedRectangle {
    classNames = List.copyOf(classNames);
  }
}
