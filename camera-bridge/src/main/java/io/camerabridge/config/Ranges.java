package io.camerabridge.config;

import java.time.Duration;

/** Range checks with uniform messages; null values (not configured) always pass. */
final class Ranges {
  private final Problems problems;

  Ranges(Problems problems) {
    this.problems = problems;
  }

  void whole(String path, Integer value, long min, long max, String unit) {
    if (value != null && (value < min || value > max)) {
      problems.check(path, outOfRange(value.toString(), min + ".." + max, unit));
    }
  }

  void number(String path, Double value, double min, double max, String unit) {
    if (value != null && (!(value >= min) || !(value <= max))) {
      problems.check(path, outOfRange(value.toString(), plain(min) + ".." + plain(max), unit));
    }
  }

  void duration(String path, Duration value, Duration min, Duration max) {
    if (value != null && (value.compareTo(min) < 0 || value.compareTo(max) > 0)) {
      problems.check(
          path,
          outOfRange(
              Durations.format(value), Durations.format(min) + ".." + Durations.format(max), ""));
    }
  }

  void size(String path, DataSize value, DataSize min, DataSize max) {
    if (value != null && (value.compareTo(min) < 0 || value.compareTo(max) > 0)) {
      problems.check(path, outOfRange(value.toString(), min + ".." + max, ""));
    }
  }

  private static String outOfRange(String value, String range, String unit) {
    return value
        + " is out of range: use a value in "
        + range
        + (unit.isEmpty() ? "" : " (" + unit + ")");
  }

  private static String plain(double d) {
    return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
  }
}
