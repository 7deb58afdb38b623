package io.camerabridge.ops.logging;

import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * {@code %syslogEx}: a stack trace whose every line carries the event's {@code <N>} prefix.
 * journald turns each stdout line into its own entry; without the prefix the trace's lines would be
 * logged at the default priority, apart from the error they belong to.
 */
public final class SyslogThrowableConverter extends ThrowableProxyConverter {

  @Override
  public String convert(ILoggingEvent event) {
    String trace = super.convert(event);
    if (trace.isEmpty()) {
      return trace;
    }
    String prefix = SyslogPriorityConverter.prefix(event.getLevel());
    StringBuilder out = new StringBuilder(trace.length() + 64);
    for (String line : trace.split("\\R")) {
      out.append(prefix).append(line).append('\n');
    }
    return out.toString();
  }
}
