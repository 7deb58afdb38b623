package io.camerabridge.tools.bench;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Benchmarks print their own progress and results; per-connection debug and info lines from the
 * client, the simulator and Netty would only add noise (and cost) to the measured runs.
 */
final class BenchLogging {

  private BenchLogging() {}

  /** Raises the root log level to WARN, so only problems are logged. */
  static void warningsOnly() {
    if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
      context.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(Level.WARN);
    }
  }
}
