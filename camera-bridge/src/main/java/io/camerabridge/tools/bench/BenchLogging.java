package io.camerabridge.tools.bench;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Benchmarks print their own progress and results; per-connection debug and info lines from the
 * client, the simulator and Netty would only add noise (and cost) to the measured runs.
 */
final class BenchLogging {

  private BenchLogging() {}

  /**
   * Raises the root log level to WARN, so only problems are logged, and logs them to stderr: a
   * benchmark's stdout is its report, and with {@code --json} a script parses it (a warning there,
   * as a loaded host gives, broke the parse).
   */
  static void warningsOnly() {
    if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
      ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
      root.setLevel(Level.WARN);
      toStandardError(root);
    }
  }

  /** The service's logback.xml: root → "async" → "stdout" (a console appender). */
  private static void toStandardError(ch.qos.logback.classic.Logger root) {
    if (root.getAppender("async") instanceof AsyncAppender async
        && async.getAppender("stdout") instanceof ConsoleAppender<ILoggingEvent> console) {
      console.stop();
      console.setTarget("System.err");
      console.start();
    }
  }
}
