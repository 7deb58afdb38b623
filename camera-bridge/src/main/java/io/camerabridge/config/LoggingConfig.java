package io.camerabridge.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Logging to stdout.
 *
 * @param format {@code plain} (journald style, default) or {@code json}
 * @param level the root level (default {@code info})
 * @param levels per-logger levels keyed by package or class name, e.g. {@code io.netty: warn}
 */
public record LoggingConfig(LogFormat format, LogLevel level, Map<String, LogLevel> levels) {

  /** Fills in defaults and freezes the map (keeping file order). */
  public LoggingConfig {
    format = format == null ? LogFormat.PLAIN : format;
    level = level == null ? LogLevel.INFO : level;
    levels = levels == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(levels));
  }
}
