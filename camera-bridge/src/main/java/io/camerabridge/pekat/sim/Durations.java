package io.camerabridge.pekat.sim;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses durations written with a unit, as on the command line: {@code 20ms}, {@code 5s}, {@code
 * 1.5s}, {@code 250us}, {@code 2m}, {@code 1h}, {@code 0}, or ISO-8601 such as {@code PT5S}.
 */
public final class Durations {
  private static final Pattern WITH_UNIT =
      Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ns|us|µs|ms|s|m|h)");

  private Durations() {}

  /**
   * Parses one duration.
   *
   * @throws IllegalArgumentException if the text has no unit, a negative value or an unknown unit
   */
  public static Duration parse(String text) {
    String t = text.trim();
    if (t.equals("0")) {
      return Duration.ZERO;
    }
    if (t.toUpperCase(Locale.ROOT).startsWith("PT") || t.toUpperCase(Locale.ROOT).startsWith("P")) {
      try {
        Duration d = Duration.parse(t);
        if (d.isNegative()) {
          throw new IllegalArgumentException("duration '" + text + "' is negative");
        }
        return d;
      } catch (DateTimeParseException e) {
        throw invalid(text);
      }
    }
    Matcher m = WITH_UNIT.matcher(t.toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw invalid(text);
    }
    double value = Double.parseDouble(m.group(1));
    double nanosPerUnit =
        switch (m.group(2)) {
          case "ns" -> 1;
          case "us", "µs" -> 1e3;
          case "ms" -> 1e6;
          case "s" -> 1e9;
          case "m" -> 60e9;
          default -> 3600e9;
        };
    return Duration.ofNanos(Math.round(value * nanosPerUnit));
  }

  /** Formats a duration the way {@link #parse} reads it, e.g. {@code 20ms} or {@code 1.5s}. */
  public static String format(Duration d) {
    long nanos = d.toNanos();
    if (nanos % 1_000_000 != 0) {
      return nanos % 1000 == 0 ? nanos / 1000 + "us" : nanos + "ns";
    }
    long millis = nanos / 1_000_000;
    return millis < 1000 || millis % 1000 != 0 ? millis + "ms" : millis / 1000 + "s";
  }

  private static IllegalArgumentException invalid(String text) {
    return new IllegalArgumentException(
        "invalid duration '"
            + text
            + "': write a number and a unit (ns, us, ms, s, m, h), e.g. 20ms or 1.5s, or ISO-8601"
            + " such as PT5S");
  }
}
