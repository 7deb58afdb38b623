package io.camerabridge.ops.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * Applies per-package log levels from the configuration (e.g. {@code io.camerabridge.client:
 * debug}) and stops logging at the very end of shutdown.
 */
public final class LogLevels {

  static final Set<String> LEVELS = Set.of("trace", "debug", "info", "warn", "error", "off");

  private LogLevels() {}

  /**
   * Sets each logger's level; {@code root} (or an empty name) is the root logger.
   *
   * @throws IllegalArgumentException naming the logger and the accepted levels when a level is not
   *     one of trace, debug, info, warn, error, off; nothing is changed then
   */
  public static void apply(Map<String, String> levels) {
    for (Map.Entry<String, String> entry : levels.entrySet()) {
      String level =
          entry.getValue() == null ? "" : entry.getValue().trim().toLowerCase(Locale.ROOT);
      if (!LEVELS.contains(level)) {
        throw new IllegalArgumentException(
            "Log level '"
                + entry.getValue()
                + "' for '"
                + entry.getKey()
                + "' is not one of trace, debug, info, warn, error, off");
      }
    }
    LoggerContext context = context();
    if (context == null) {
      return;
    }
    for (Map.Entry<String, String> entry : levels.entrySet()) {
      String name = entry.getKey().isEmpty() ? org.slf4j.Logger.ROOT_LOGGER_NAME : entry.getKey();
      context.getLogger(name).setLevel(Level.toLevel(entry.getValue().trim()));
    }
  }

  /**
   * Flushes the asynchronous appenders (for at most a second each) and stops logging. Call once, as
   * the last step of shutdown: logback's own shutdown hook is not installed, because JVM hooks run
   * concurrently and it would stop logging while the service still shuts down.
   */
  public static void stopLogging() {
    LoggerContext context = context();
    if (context != null) {
      context.stop();
    }
  }

  private static LoggerContext context() {
    ILoggerFactory factory = LoggerFactory.getILoggerFactory();
    return factory instanceof LoggerContext ? (LoggerContext) factory : null;
  }
}
