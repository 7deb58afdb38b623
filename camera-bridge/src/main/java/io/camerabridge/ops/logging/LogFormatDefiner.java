package io.camerabridge.ops.logging;

import ch.qos.logback.core.PropertyDefinerBase;
import java.util.Locale;
import java.util.Set;

/**
 * Defines {@code LOG_FORMAT} in logback.xml from the system property {@value #PROPERTY} or the
 * environment variable {@value #ENVIRONMENT}: {@code plain} (journald-friendly text, the default)
 * or {@code json} (one JSON object per line). An unknown value falls back to plain with a warning,
 * so a typo never silences logging.
 */
public final class LogFormatDefiner extends PropertyDefinerBase {

  /** System property naming the format; wins over the environment variable. */
  public static final String PROPERTY = "camerabridge.log.format";

  /** Environment variable naming the format, e.g. in the unit's Environment=. */
  public static final String ENVIRONMENT = "CAMERA_BRIDGE_LOG_FORMAT";

  static final Set<String> FORMATS = Set.of("plain", "json");

  @Override
  public String getPropertyValue() {
    return choose(System.getProperty(PROPERTY), System.getenv(ENVIRONMENT));
  }

  String choose(String property, String environment) {
    String source = property != null ? "-D" + PROPERTY : ENVIRONMENT;
    String value = property != null ? property : environment;
    if (value == null || value.isBlank()) {
      return "plain";
    }
    String format = value.trim().toLowerCase(Locale.ROOT);
    if (!FORMATS.contains(format)) {
      addWarn(source + "=" + value + " is not a log format; use plain or json. Logging as plain.");
      return "plain";
    }
    return format;
  }
}
