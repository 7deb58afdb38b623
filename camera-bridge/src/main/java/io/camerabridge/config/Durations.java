package io.camerabridge.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as people write them in a config file: a number with a unit ({@code 500ms}, {@code 5s},
 * {@code 1.5s}, {@code 2m}, {@code 1h}, {@code 250us}) or ISO-8601 ({@code PT5S}). A bare number is
 * refused because "5" could mean seconds or milliseconds; only {@code 0} needs no unit.
 */
public final class Durations {
  private static final Pattern WITH_UNIT =
      Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ns|us|µs|ms|s|m|min|h|d)");
  private static final BigDecimal NANOS_PER_SECOND = BigDecimal.valueOf(1_000_000_000L);

  private Durations() {}

  /**
   * Parses a duration.
   *
   * @throws IllegalArgumentException with a message that shows the accepted forms
   */
  public static Duration parse(String text) {
    String s = text.strip();
    if (s.equals("0")) {
      return Duration.ZERO;
    }
    if (s.startsWith("P") || s.startsWith("p")) {
      return parseIso(text, s);
    }
    Matcher m = WITH_UNIT.matcher(s);
    if (!m.matches()) {
      throw new IllegalArgumentException(describeProblem(text, s));
    }
    BigDecimal nanos = new BigDecimal(m.group(1)).multiply(nanosPerUnit(m.group(2)));
    if (nanos.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
      throw new IllegalArgumentException("'" + text + "' is too long a duration");
    }
    BigDecimal[] secondsAndNanos = nanos.divideAndRemainder(NANOS_PER_SECOND);
    return Duration.ofSeconds(secondsAndNanos[0].longValue(), secondsAndNanos[1].longValue());
  }

  /**
   * Formats a duration in the shortest unit form that {@link #parse} reads back exactly, e.g.
   * {@code 5s}, {@code 500ms}, {@code 2m}.
   */
  public static String format(Duration duration) {
    if (duration.isZero()) {
      return "0";
    }
    if (duration.isNegative()) {
      return duration.toString();
    }
    long nanos;
    try {
      nanos = duration.toNanos();
    } catch (ArithmeticException tooLong) {
      return duration.toString();
    }
    String[] units = {"d", "h", "m", "s", "ms", "us", "ns"};
    long[] sizes = {86_400_000_000_000L, 3_600_000_000_000L, 60_000_000_000L, 1_000_000_000L};
    for (int i = 0; i < units.length; i++) {
      long size = i < sizes.length ? sizes[i] : (long) Math.pow(1000, 6 - i);
      if (nanos % size == 0) {
        return nanos / size + units[i];
      }
    }
    return nanos + "ns";
  }

  private static Duration parseIso(String original, String s) {
    try {
      return Duration.parse(s.toUpperCase(Locale.ROOT));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "'" + original + "' is not an ISO-8601 duration: write e.g. PT5S, PT0.5S or simply 5s");
    }
  }

  private static String describeProblem(String original, String s) {
    if (s.isEmpty()) {
      return "a duration is required: write e.g. 5s, 500ms or 2m";
    }
    if (s.matches("-.*")) {
      return "'" + original + "' is negative: durations must be 0 or more";
    }
    if (s.matches("\\d+(\\.\\d+)?")) {
      return "'" + original + "' has no unit: write " + s + "s or " + s + "ms";
    }
    return "'"
        + original
        + "' is not a duration: write a number and a unit (ns, us, ms, s, m, h, d),"
        + " e.g. 500ms, 5s, 2m, or ISO-8601 like PT5S";
  }

  private static BigDecimal nanosPerUnit(String unit) {
    long nanos =
        switch (unit) {
          case "ns" -> 1L;
          case "us", "µs" -> 1_000L;
          case "ms" -> 1_000_000L;
          case "s" -> 1_000_000_000L;
          case "m", "min" -> 60_000_000_000L;
          case "h" -> 3_600_000_000_000L;
          case "d" -> 86_400_000_000_000L;
          default -> throw new IllegalStateException("unit " + unit);
        };
    return BigDecimal.valueOf(nanos);
  }
}
