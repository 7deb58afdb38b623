package io.camerabridge.config;

import java.time.Duration;
import java.util.Optional;

/**
 * A camera's verdict policy: how long the line waits for a verdict and what it is told when none
 * came in time.
 *
 * @param deadline from the buffer being filled to the verdict; null waits for the analyzer's answer
 *     (which {@code pekat.timeout} still bounds)
 * @param onTimeout what the outputs are told when the deadline passes (default ng)
 */
public record VerdictConfig(Duration deadline, TimeoutVerdict onTimeout) {
  /** No deadline: every part waits for its answer. */
  public static final VerdictConfig WAIT = new VerdictConfig(null, null);

  /** Fills in defaults. */
  public VerdictConfig {
    onTimeout = onTimeout == null ? TimeoutVerdict.NG : onTimeout;
  }

  /** The deadline, empty when parts wait for their answer. */
  public Optional<Duration> verdictDeadline() {
    return Optional.ofNullable(deadline);
  }
}
