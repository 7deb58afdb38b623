package io.camerabridge.outputs;

import io.camerabridge.config.OutputType;
import io.camerabridge.outcome.PartOutcome;

/** Sees every outcome an output wrote ({@code bench e2e}); called on the output's thread. */
@FunctionalInterface
public interface WriteObserver {
  WriteObserver NONE = (output, type, part, startedNanos, writtenNanos) -> {};

  /**
   * Both times count from the buffer being filled, as {@link PartOutcome#latencyNanos()} (to the
   * outcome being decided) does, so the hops of one write are their differences.
   *
   * @param startedNanos to the output's thread starting the write (hand-over and queue behind)
   * @param writtenNanos to written: register written, PUBACK, webhook answered
   */
  void written(
      String output, OutputType type, PartOutcome part, long startedNanos, long writtenNanos);
}
