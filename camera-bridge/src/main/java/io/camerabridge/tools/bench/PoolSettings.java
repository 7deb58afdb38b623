package io.camerabridge.tools.bench;

import java.time.Duration;
import java.util.Optional;

/**
 * {@code bench e2e --analyzers K}: how many serial analyzers, how long each takes per frame, and
 * for the failover run when one of them is killed and how long it stays dead.
 *
 * @param killAfter empty: no failover, just the throughput window
 */
record PoolSettings(
    int analyzers, Duration analysisLatency, Optional<Duration> killAfter, Duration restartAfter) {

  static final int MAX_ANALYZERS = 8;

  PoolSettings {
    if (analyzers < 1 || analyzers > MAX_ANALYZERS) {
      throw new IllegalArgumentException(
          "--analyzers must be 1.." + MAX_ANALYZERS + ", got " + analyzers);
    }
    if (analysisLatency.isNegative() || analysisLatency.isZero()) {
      throw new IllegalArgumentException(
          "--analysis-latency must be positive, got " + analysisLatency);
    }
    if (killAfter.isPresent() && analyzers < 2) {
      throw new IllegalArgumentException(
          "--kill-analyzer-after needs --analyzers 2 or more: one must survive");
    }
    if (restartAfter.isNegative()) {
      throw new IllegalArgumentException("--restart-after must not be negative");
    }
  }

  /** The target: 95 % of what K serial instances can take, capped by the camera. */
  double targetPerSecond(double fps) {
    return 0.95 * Math.min(analyzers * (1000.0 / analysisLatency.toMillis()), fps);
  }
}
