package io.camerabridge.config;

import java.time.Duration;

/**
 * How frames are triggered. Which of the other fields apply depends on {@link #mode()}: {@code
 * rate} only for {@code software}; {@code source}, {@code activation} and {@code delay} only for
 * {@code hardware}. The validator rejects fields that do not apply to the mode.
 *
 * @param mode {@code free-run} (default), {@code software} or {@code hardware}
 * @param rate software trigger rate in frames per second
 * @param source the GenICam {@code TriggerSource} entry for hardware triggers, e.g. {@code Line0}
 * @param activation the signal edge or level, default {@code rising-edge} for hardware triggers
 * @param delay optional {@code TriggerDelay} for hardware triggers
 */
public record TriggerConfig(
    TriggerMode mode, Double rate, String source, TriggerActivation activation, Duration delay) {

  /** Free-running, the default. */
  public static final TriggerConfig FREE_RUN =
      new TriggerConfig(TriggerMode.FREE_RUN, null, null, null, null);

  /** Fills in defaults. */
  public TriggerConfig {
    mode = mode == null ? TriggerMode.FREE_RUN : mode;
    if (mode == TriggerMode.HARDWARE && activation == null) {
      activation = TriggerActivation.RISING_EDGE;
    }
  }
}
