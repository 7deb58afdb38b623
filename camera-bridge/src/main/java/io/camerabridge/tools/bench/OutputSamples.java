package io.camerabridge.tools.bench;

import io.camerabridge.config.OutputType;
import io.camerabridge.outcome.Outcome;
import io.camerabridge.outcome.PartOutcome;
import io.camerabridge.outputs.WriteObserver;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * {@code bench e2e --outputs}: when each part's outcome was decided and when each output wrote it,
 * for the parts decided in the measured window; writes of those parts are counted also after the
 * window ends, so a part decided at its very end is not miscounted as lost. Thread-safe (outputs
 * write from their own threads).
 */
final class OutputSamples implements WriteObserver, Consumer<PartOutcome> {
  private volatile boolean recording;
  private final LatencySamples decided = new LatencySamples(1 << 14);
  private final Map<OutputType, LatencySamples> written = new EnumMap<>(OutputType.class);
  private final Map<OutputType, LatencySamples> added = new EnumMap<>(OutputType.class);
  private final Map<OutputType, Set<Long>> expected = new EnumMap<>(OutputType.class);
  private final Map<OutputType, Map<Long, Integer>> writes = new EnumMap<>(OutputType.class);
  private long ng;
  private long parts;

  OutputSamples() {
    for (OutputType t : OutputType.values()) {
      written.put(t, new LatencySamples(1 << 14));
      added.put(t, new LatencySamples(1 << 14));
      expected.put(t, new HashSet<>());
      writes.put(t, new HashMap<>());
    }
  }

  void recording(boolean on) {
    recording = on;
  }

  /** A part's outcome was decided (and handed to the outputs). */
  @Override
  public synchronized void accept(PartOutcome part) {
    if (!recording) {
      return;
    }
    parts++;
    decided.record(part.latencyNanos());
    if (part.outcome() == Outcome.NG) {
      ng++;
    }
    // As configured by E2eCameraConfig: the line fires on ng, timeout and error; the rest on any.
    if (part.outcome() != Outcome.OK) {
      expected.get(OutputType.LINE).add(part.sequence());
    }
    expected.get(OutputType.MQTT).add(part.sequence());
    expected.get(OutputType.WEBHOOK).add(part.sequence());
  }

  @Override
  public synchronized void written(
      String output, OutputType type, PartOutcome part, long latencyNanos) {
    if (!expected.get(type).contains(part.sequence())) {
      return;
    }
    writes.get(type).merge(part.sequence(), 1, Integer::sum);
    written.get(type).record(latencyNanos);
    added.get(type).record(Math.max(0, latencyNanos - part.latencyNanos()));
  }

  synchronized long parts() {
    return parts;
  }

  synchronized long ng() {
    return ng;
  }

  synchronized LatencySamples.Percentiles decided() {
    return decided.percentiles();
  }

  synchronized LatencySamples.Percentiles written(OutputType type) {
    return written.get(type).percentiles();
  }

  /** Written minus decided, per part: what the output adds to the verdict. */
  synchronized LatencySamples.Percentiles added(OutputType type) {
    return added.get(type).percentiles();
  }

  synchronized long expected(OutputType type) {
    return expected.get(type).size();
  }

  /** Parts the output should have written and did not. */
  synchronized long lost(OutputType type) {
    return expected.get(type).stream().filter(s -> !writes.get(type).containsKey(s)).count();
  }

  /** Writes beyond the first of a part (QoS 1 may resend across a reconnect). */
  synchronized long duplicates(OutputType type) {
    return writes.get(type).values().stream().mapToLong(n -> n - 1).sum();
  }
}
