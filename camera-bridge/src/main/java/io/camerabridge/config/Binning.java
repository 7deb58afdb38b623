package io.camerabridge.config;

/**
 * Sensor binning: neighbouring pixels combined into one, reducing resolution.
 *
 * @param horizontal pixels combined along a row (default 1, range 1..16)
 * @param vertical pixels combined along a column (default 1, range 1..16)
 */
public record Binning(Integer horizontal, Integer vertical) {
  /** Fills in defaults. */
  public Binning {
    horizontal = horizontal == null ? 1 : horizontal;
    vertical = vertical == null ? 1 : vertical;
  }
}
