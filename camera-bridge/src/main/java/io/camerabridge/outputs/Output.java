package io.camerabridge.outputs;

import io.camerabridge.ops.OutputHealth;
import io.camerabridge.outcome.PartOutcome;
import java.time.Duration;

/** One configured destination of a camera's outcomes. */
interface Output {
  /** The output's name: the {@code output} label of its meters. */
  String name();

  /**
   * Hands one outcome over; never blocks. {@code fires} says whether the outcome is one of the
   * output's {@code on:} list (a level line also acts on the others, by going idle).
   */
  void offer(PartOutcome part, boolean fires);

  /** Whether it delivers; read from {@code /health}'s thread, never blocks. */
  OutputHealth health();

  /** Outcomes waiting to be written. */
  int queued();

  /** Writes out what is queued for at most {@code timeout}, then stops. */
  void close(Duration timeout);
}
