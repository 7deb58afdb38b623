package io.camerabridge.metrics;

import java.util.Locale;

/** A local file camera-bridge writes besides talking to the analyzer; the {@code target} tag. */
public enum WriteTarget {
  /** The results journal. */
  JOURNAL,
  /** A copy of a frame judged NG, saved for later inspection. */
  NG_IMAGE;

  private final String tagValue = name().toLowerCase(Locale.ROOT);

  /** The tag value, e.g. {@code ng_image}. */
  public String tagValue() {
    return tagValue;
  }
}
