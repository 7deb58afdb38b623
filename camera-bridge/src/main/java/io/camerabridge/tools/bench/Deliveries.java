package io.camerabridge.tools.bench;

import io.camerabridge.config.OutputType;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * {@code bench e2e --outputs}: per output type, the sequences that should have been delivered (the
 * parts decided in the measured window that the output fires on) and how often each arrived where
 * it goes: the MQTT subscriber, the webhook receiver, the camera's register (a GVCP write the
 * camera acknowledged), and whether they arrived in order. Thread-safe: receivers report from their
 * own threads.
 */
final class Deliveries {
  private final Map<OutputType, Set<Long>> expected = new EnumMap<>(OutputType.class);
  private final Map<OutputType, Map<Long, Integer>> received = new EnumMap<>(OutputType.class);
  private final Map<OutputType, long[]> order = new EnumMap<>(OutputType.class);

  Deliveries() {
    for (OutputType t : OutputType.values()) {
      expected.put(t, new HashSet<>());
      received.put(t, new HashMap<>());
      order.put(t, new long[] {Long.MIN_VALUE, 0});
    }
  }

  synchronized void expect(OutputType type, long sequence) {
    expected.get(type).add(sequence);
  }

  /** One delivery of {@code sequence}, of any part (those outside the window are left out). */
  synchronized void received(OutputType type, long sequence) {
    if (received.get(type).merge(sequence, 1, Integer::sum) == 1) {
      long[] o = order.get(type);
      if (sequence < o[0]) {
        o[1]++;
      }
      o[0] = Math.max(o[0], sequence);
    }
  }

  synchronized long expected(OutputType type) {
    return expected.get(type).size();
  }

  /** Expected sequences that never arrived. */
  synchronized long lost(OutputType type) {
    Map<Long, Integer> got = received.get(type);
    return expected.get(type).stream().filter(s -> !got.containsKey(s)).count();
  }

  /** Arrivals of expected sequences beyond their first. */
  synchronized long duplicated(OutputType type) {
    Map<Long, Integer> got = received.get(type);
    return expected.get(type).stream()
        .mapToLong(s -> Math.max(0, got.getOrDefault(s, 0) - 1))
        .sum();
  }

  /** First arrivals of a sequence lower than one that arrived before it (any part). */
  synchronized long reordered(OutputType type) {
    return order.get(type)[1];
  }

  /** Whether every output got every expected sequence exactly once, in order. */
  synchronized boolean exact() {
    for (OutputType t : OutputType.values()) {
      if (lost(t) != 0 || duplicated(t) != 0 || reordered(t) != 0) {
        return false;
      }
    }
    return true;
  }
}
