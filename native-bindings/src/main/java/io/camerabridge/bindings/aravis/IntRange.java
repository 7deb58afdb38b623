package io.camerabridge.bindings.aravis;

/** Inclusive integer bounds of a feature. */
public record IntRange(long min, long max) {
  /** Whether {@code value} lies within the bounds. */
  public boolean contains(long value) {
    return value >= min && value <= max;
  }
}
