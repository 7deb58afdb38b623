package io.camerabridge.metrics;

import java.util.Locale;

/** Why a frame was given back to the camera without being analysed; the {@code reason} tag. */
public enum DropReason {
  /** Every connection to the analyzer was busy with earlier frames (back-pressure). */
  ANALYZER_BUSY,
  /** The analyzer is known to be unreachable, so the frame was not even tried. */
  ANALYZER_DOWN,
  /** The frame's pixel format cannot be converted into what the analyzer accepts. */
  CONVERSION_IMPOSSIBLE,
  /** The frame arrived incomplete and the configuration says not to send such frames. */
  INCOMPLETE,
  /** The frame arrived while camera-bridge was shutting down. */
  SHUTDOWN;

  private final String tagValue = name().toLowerCase(Locale.ROOT);

  /** The tag value, e.g. {@code analyzer_busy}. */
  public String tagValue() {
    return tagValue;
  }
}
