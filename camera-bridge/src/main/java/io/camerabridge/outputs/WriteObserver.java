package io.camerabridge.outputs;

import io.camerabridge.config.OutputType;
import io.camerabridge.outcome.PartOutcome;

/** Sees every outcome an output wrote ({@code bench e2e}); called on the output's thread. */
@FunctionalInterface
public interface WriteObserver {
  WriteObserver NONE = (output, type, part, latencyNanos) -> {};

  /**
   * @param latencyNanos buffer filled to written (compare {@link PartOutcome#latencyNanos()}, to
   *     the outcome being decided)
   */
  void written(String output, OutputType type, PartOutcome part, long latencyNanos);
}
