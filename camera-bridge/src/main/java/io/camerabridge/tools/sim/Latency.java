package io.camerabridge.tools.sim;

import io.camerabridge.config.Durations;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How long the simulator takes to "process" one image: fixed, or drawn uniformly from a range for
 * every request. The time is spent on the processing lane, so with one lane it also limits
 * throughput, as a real project's flow does.
 *
 * @param min shortest time (inclusive)
 * @param max longest time (inclusive); equal to {@code min} for a fixed latency
 */
public record Latency(Duration min, Duration max) {
  /** No added latency: answers come as fast as the analysis allows. */
  public static final Latency NONE = new Latency(Duration.ZERO, Duration.ZERO);

  public Latency {
    Objects.requireNonNull(min, "min");
    Objects.requireNonNull(max, "max");
    if (min.isNegative() || max.compareTo(min) < 0) {
      throw new IllegalArgumentException(
          "latency range must satisfy 0 <= min <= max, got " + min + ".." + max);
    }
  }

  public static Latency fixed(Duration latency) {
    return new Latency(latency, latency);
  }

  public static Latency between(Duration min, Duration max) {
    return new Latency(min, max);
  }

  /**
   * Parses {@code 20ms} (fixed) or {@code 10ms..40ms} (uniform range); units as in {@link
   * Durations}.
   *
   * @throws IllegalArgumentException with the accepted forms
   */
  public static Latency parse(String text) {
    int dots = text.indexOf("..");
    if (dots < 0) {
      return fixed(Durations.parse(text));
    }
    return between(
        Durations.parse(text.substring(0, dots)), Durations.parse(text.substring(dots + 2)));
  }

  /** A latency for one request. */
  public Duration sample() {
    if (min.equals(max)) {
      return min;
    }
    return Duration.ofNanos(ThreadLocalRandom.current().nextLong(min.toNanos(), max.toNanos() + 1));
  }

  @Override
  public String toString() {
    return min.equals(max)
        ? Durations.format(min)
        : Durations.format(min) + ".." + Durations.format(max);
  }
}
