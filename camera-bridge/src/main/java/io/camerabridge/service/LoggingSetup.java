package io.camerabridge.service;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.AsyncAppenderBase;
import ch.qos.logback.core.OutputStreamAppender;
import io.camerabridge.config.LogLevel;
import io.camerabridge.config.LoggingConfig;
import io.camerabridge.ops.logging.FormatSwitchingEncoder;
import io.camerabridge.ops.logging.LogLevels;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * Applies the configuration file's {@code logging:} section to the running Logback: the format
 * ({@code plain} / {@code json}, unless fixed by {@code CAMERA_BRIDGE_LOG_FORMAT} or the system
 * property) and the levels. Logging starts before the file is read, so this runs right after it.
 */
public final class LoggingSetup {
  private LoggingSetup() {}

  /** Applies {@code logging} to Logback; a no-op under another SLF4J backend. */
  public static void apply(LoggingConfig logging) {
    Map<String, String> levels = new LinkedHashMap<>();
    levels.put("", name(logging.level()));
    logging.levels().forEach((logger, level) -> levels.put(logger, name(level)));
    LogLevels.apply(levels);
    if (System.getenv("CAMERA_BRIDGE_LOG_FORMAT") == null
        && System.getProperty("camerabridge.log.format") == null
        && LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
      switchFormat(context.getLogger(Logger.ROOT_LOGGER_NAME), logging.format().configName());
    }
  }

  private static String name(LogLevel level) {
    return level.configName();
  }

  private static void switchFormat(Logger root, String format) {
    for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext(); ) {
      switchFormat(it.next(), format);
    }
  }

  private static void switchFormat(Appender<ILoggingEvent> appender, String format) {
    if (appender instanceof OutputStreamAppender<ILoggingEvent> out
        && out.getEncoder() instanceof FormatSwitchingEncoder encoder) {
      encoder.switchTo(format);
    } else if (appender instanceof AsyncAppenderBase<ILoggingEvent> async) {
      for (Iterator<Appender<ILoggingEvent>> it = async.iteratorForAppenders(); it.hasNext(); ) {
        switchFormat(it.next(), format);
      }
    }
  }
}
