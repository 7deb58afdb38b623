package io.camerabridge.analyzers;

import java.util.Locale;

/**
 * Where one analyzer instance is in its life. Only {@link #READY} instances get frames; the others
 * are probed in the background until their warm-up succeeds.
 */
public enum AnalyzerState {
  /** Warmed up: frames go to it. */
  READY,
  /** {@code /ping} answered; the synthetic warm-up frame is being analysed. */
  WARMING,
  /** Failed (or not yet reached): probed with back-off. */
  DOWN;

  /** Lowercase label for {@code /health} and logs. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
