package io.camerabridge.config;

import java.time.Duration;

/**
 * Shutdown behaviour on SIGTERM/SIGINT.
 *
 * @param drainTimeout how long in-flight PEKAT requests may take to finish after acquisition stops
 *     (default 5s)
 */
public record ShutdownConfig(Duration drainTimeout) {
  /** The default drain timeout. */
  public static final Duration DEFAULT_DRAIN_TIMEOUT = Duration.ofSeconds(5);

  /** Fills in defaults. */
  public ShutdownConfig {
    drainTimeout = drainTimeout == null ? DEFAULT_DRAIN_TIMEOUT : drainTimeout;
  }
}
