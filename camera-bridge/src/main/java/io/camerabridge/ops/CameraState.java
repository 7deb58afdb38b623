package io.camerabridge.ops;

import java.util.Locale;

/** Where a camera's pipeline is in its life, as shown by {@code /health} and systemd's STATUS. */
public enum CameraState {
  /** Opening the camera and starting acquisition for the first time. */
  STARTING,
  /** Acquiring: frames flow, or the camera waits for its trigger. */
  STREAMING,
  /** The camera was lost; trying to open it again. */
  RECONNECTING,
  /**
   * The camera refuses the configuration (an unknown feature, a value out of range, an ambiguous
   * selector, a region outside the sensor); tried again slowly until the file or the camera is
   * fixed. {@link CameraHealth#error()} says what it refused.
   */
  MISCONFIGURED,
  /** Stopped on purpose (shutdown or disabled). */
  STOPPED;

  private final String label = name().toLowerCase(Locale.ROOT);

  /** The lower-case name used in JSON and status lines, e.g. {@code streaming}. */
  public String label() {
    return label;
  }
}
