package io.camerabridge.config;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A number of bytes, written with a unit in config files: binary units {@code 512KiB}, {@code
 * 4MiB}, {@code 2GiB}, {@code 1TiB}; decimal units {@code kB}, {@code MB}, {@code GB}, {@code TB};
 * or plain bytes ({@code 1048576} or {@code 1024B}).
 *
 * @param bytes the size in bytes, never negative
 */
public record DataSize(long bytes) implements Comparable<DataSize> {
  private static final Pattern FORM =
      Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(B|KiB|MiB|GiB|TiB|kB|KB|MB|GB|TB)?");

  private static final long KIB = 1024L;

  /** Validates the byte count. */
  public DataSize {
    if (bytes < 0) {
      throw new IllegalArgumentException("a size cannot be negative: " + bytes);
    }
  }

  /** A size of {@code n} bytes. */
  public static DataSize ofBytes(long n) {
    return new DataSize(n);
  }

  /** A size of {@code n} KiB (1024 bytes). */
  public static DataSize ofKibibytes(long n) {
    return new DataSize(Math.multiplyExact(n, KIB));
  }

  /** A size of {@code n} MiB. */
  public static DataSize ofMebibytes(long n) {
    return new DataSize(Math.multiplyExact(n, KIB * KIB));
  }

  /** A size of {@code n} GiB. */
  public static DataSize ofGibibytes(long n) {
    return new DataSize(Math.multiplyExact(n, KIB * KIB * KIB));
  }

  /**
   * Parses a size such as {@code 4MiB}. Fractions are allowed ({@code 1.5GiB}) and rounded down to
   * whole bytes.
   *
   * @throws IllegalArgumentException with a message that shows the accepted forms
   */
  public static DataSize parse(String text) {
    String s = text.strip();
    Matcher m = FORM.matcher(s);
    if (!m.matches()) {
      throw new IllegalArgumentException(describeProblem(text, s));
    }
    String unit = m.group(2) == null ? "B" : m.group(2);
    BigDecimal bytes =
        new BigDecimal(m.group(1))
            .multiply(BigDecimal.valueOf(multiplier(unit)))
            .setScale(0, RoundingMode.DOWN);
    if (bytes.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
      throw new IllegalArgumentException("'" + text + "' is too large a size");
    }
    return new DataSize(bytes.longValueExact());
  }

  /** The size as an int, for APIs that take one. */
  public int bytesAsInt() {
    return Math.toIntExact(bytes);
  }

  /** The shortest exact form {@link #parse} reads back, e.g. {@code 4MiB} or {@code 1000B}. */
  @Override
  public String toString() {
    String[] units = {"TiB", "GiB", "MiB", "KiB"};
    long size = KIB * KIB * KIB * KIB;
    for (String unit : units) {
      if (bytes != 0 && bytes % size == 0) {
        return bytes / size + unit;
      }
      size /= KIB;
    }
    return bytes + "B";
  }

  @Override
  public int compareTo(DataSize other) {
    return Long.compare(bytes, other.bytes);
  }

  private static long multiplier(String unit) {
    return switch (unit) {
      case "B" -> 1L;
      case "KiB" -> KIB;
      case "MiB" -> KIB * KIB;
      case "GiB" -> KIB * KIB * KIB;
      case "TiB" -> KIB * KIB * KIB * KIB;
      case "kB", "KB" -> 1_000L;
      case "MB" -> 1_000_000L;
      case "GB" -> 1_000_000_000L;
      case "TB" -> 1_000_000_000_000L;
      default -> throw new IllegalStateException("unit " + unit);
    };
  }

  private static String describeProblem(String original, String s) {
    if (s.isEmpty()) {
      return "a size is required: write e.g. 4MiB, 512KiB or 2GiB";
    }
    if (s.startsWith("-")) {
      return "'" + original + "' is negative: sizes must be 0 or more";
    }
    return "'"
        + original
        + "' is not a size: write a number and a unit (B, KiB, MiB, GiB, TiB, or kB, MB, GB, TB),"
        + " e.g. 4MiB, or a plain number of bytes";
  }
}
