package io.camerabridge.bindings.aravis;

/** Inclusive floating-point bounds of a feature. */
public record DoubleRange(double min, double max) {
  /** Whether {@code value} lies within the bounds. */
  public boolean contains(double value) {
    return value >= min && value <= max;
  }
}
