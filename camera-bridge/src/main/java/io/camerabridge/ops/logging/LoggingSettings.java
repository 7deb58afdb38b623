package io.camerabridge.ops.logging;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import io.camerabridge.config.LogLevel;
import io.camerabridge.config.LoggingConfig;
import java.util.Map;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * Applies the configuration's {@code logging:} section to the running logback: the format (unless
 * {@value LogFormatDefiner#ENVIRONMENT} or {@code -D}{@value LogFormatDefiner#PROPERTY} chose one,
 * which wins so an operator can override the file), the root level and the per-package levels.
 */
public final class LoggingSettings {

  private LoggingSettings() {}

  /** Applies {@code logging}; does nothing when logback is not the SLF4J binding. */
  public static void apply(LoggingConfig logging) {
    LoggerContext context = context();
    if (context == null) {
      return;
    }
    if (System.getProperty(LogFormatDefiner.PROPERTY) == null
        && System.getenv(LogFormatDefiner.ENVIRONMENT) == null) {
      FormatSwitchingEncoder encoder = encoder(context);
      if (encoder != null) {
        encoder.switchTo(logging.format().configName());
      }
    }
    context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(level(logging.level()));
    for (Map.Entry<String, LogLevel> entry : logging.levels().entrySet()) {
      context.getLogger(entry.getKey()).setLevel(level(entry.getValue()));
    }
  }

  /** The encoder of logback.xml's stdout appender, or null under another configuration. */
  static FormatSwitchingEncoder encoder(LoggerContext context) {
    Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    Appender<?> async = root.getAppender("async");
    if (!(async instanceof AsyncAppender)) {
      return null;
    }
    Appender<?> stdout = ((AsyncAppender) async).getAppender("stdout");
    if (stdout instanceof OutputStreamAppender<?>
        && ((OutputStreamAppender<?>) stdout).getEncoder() instanceof FormatSwitchingEncoder) {
      return (FormatSwitchingEncoder) ((OutputStreamAppender<?>) stdout).getEncoder();
    }
    return null;
  }

  private static Level level(LogLevel level) {
    return Level.toLevel(level.configName());
  }

  private static LoggerContext context() {
    ILoggerFactory factory = LoggerFactory.getILoggerFactory();
    return factory instanceof LoggerContext ? (LoggerContext) factory : null;
  }
}
