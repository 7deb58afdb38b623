package io.camerabridge.tools.bench;

import java.util.Arrays;

/**
 * Latencies in nanoseconds recorded into a preallocated array, so recording allocates nothing on
 * the measured path. Percentiles are exact (nearest rank over the sorted samples).
 */
final class LatencySamples {

  private long[] nanos;
  private int count;

  LatencySamples(int capacity) {
    this.nanos = new long[Math.max(16, capacity)];
  }

  void record(long latencyNanos) {
    if (count == nanos.length) {
      nanos = Arrays.copyOf(nanos, nanos.length * 2);
    }
    nanos[count++] = latencyNanos;
  }

  int count() {
    return count;
  }

  void addAll(LatencySamples other) {
    for (int i = 0; i < other.count; i++) {
      record(other.nanos[i]);
    }
  }

  /** Nearest-rank percentile in milliseconds, {@code NaN} when there are no samples. */
  Percentiles percentiles() {
    if (count == 0) {
      return new Percentiles(Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }
    long[] sorted = Arrays.copyOf(nanos, count);
    Arrays.sort(sorted);
    return new Percentiles(at(sorted, 0.50), at(sorted, 0.99), at(sorted, 0.999), at(sorted, 1.0));
  }

  private static double at(long[] sorted, double quantile) {
    int rank = (int) Math.ceil(quantile * sorted.length);
    return sorted[Math.max(0, rank - 1)] / 1e6;
  }

  /** Latency percentiles in milliseconds. */
  record Percentiles(double p50, double p99, double p999, double max) {}
}
