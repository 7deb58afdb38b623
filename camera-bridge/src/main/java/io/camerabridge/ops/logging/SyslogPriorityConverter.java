package io.camerabridge.ops.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * {@code %syslogPriority}: the {@code <N>} prefix (sd-daemon(3)) that journald reads from a stdout
 * line to set the entry's priority, and strips: {@code <3>} error, {@code <4>} warning, {@code <6>}
 * info, {@code <7>} debug and trace.
 */
public final class SyslogPriorityConverter extends ClassicConverter {

  @Override
  public String convert(ILoggingEvent event) {
    return prefix(event.getLevel());
  }

  static String prefix(Level level) {
    switch (level.toInt()) {
      case Level.ERROR_INT:
        return "<3>";
      case Level.WARN_INT:
        return "<4>";
      case Level.INFO_INT:
        return "<6>";
      default:
        return "<7>";
    }
  }
}
