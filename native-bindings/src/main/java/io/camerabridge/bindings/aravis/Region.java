package io.camerabridge.bindings.aravis;

/**
 * Sensor region of interest in pixels.
 *
 * @param x horizontal offset
 * @param y vertical offset
 * @param width width
 * @param height height
 */
public record Region(int x, int y, int width, int height) {
  /** Bounds of each region component, as the camera reports them for its current state. */
  public record Bounds(IntRange x, IntRange y, IntRange width, IntRange height) {}
}
