package io.camerabridge.tools.bench;

import io.camerabridge.config.OutputType;
import io.camerabridge.outcome.Outcome;
import io.camerabridge.outcome.PartOutcome;
import io.camerabridge.outputs.WriteObserver;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * {@code bench e2e --outputs}: when each part's outcome was decided and, per output type, when the
 * output's thread started writing it and when it was written, for the parts decided in the measured
 * window; writes of those parts are followed also after the window ends, so a part decided at its
 * very end is not miscounted. Thread-safe (outputs write from their own threads).
 */
final class OutputSamples implements WriteObserver, Consumer<PartOutcome> {
  /** One output type's writes: filled → written, and the hops after the verdict. */
  record Hops(
      LatencySamples written, LatencySamples added, LatencySamples waited, LatencySamples wrote) {
    Hops() {
      this(
          new LatencySamples(1 << 14),
          new LatencySamples(1 << 14),
          new LatencySamples(1 << 14),
          new LatencySamples(1 << 14));
    }
  }

  private final LatencySamples decided = new LatencySamples(1 << 14);
  private final Map<OutputType, Hops> hops = new EnumMap<>(OutputType.class);
  private final Map<Long, Long> decidedNanos = new java.util.HashMap<>();
  private final Set<OutputType> types;
  private final Deliveries deliveries;
  private volatile boolean recording;
  private long ng;
  private long parts;

  /**
   * @param types the outputs the run configures (their deliveries are expected)
   */
  OutputSamples(Set<OutputType> types, Deliveries deliveries) {
    this.types = types;
    this.deliveries = deliveries;
    for (OutputType t : types) {
      hops.put(t, new Hops());
    }
  }

  /** The outputs the run configures, in the order of {@link OutputType}. */
  Set<OutputType> types() {
    return types;
  }

  void recording(boolean on) {
    recording = on;
  }

  boolean recording() {
    return recording;
  }

  /** A part's outcome was decided (and is about to be handed to the outputs). */
  @Override
  public synchronized void accept(PartOutcome part) {
    if (!recording) {
      return;
    }
    parts++;
    decided.record(part.latencyNanos());
    decidedNanos.put(part.sequence(), part.latencyNanos());
    if (part.outcome() == Outcome.NG) {
      ng++;
    }
    // As configured by E2eCameraConfig: the line fires on ng, timeout and error; the rest on any.
    for (OutputType t : types) {
      if (t != OutputType.LINE || part.outcome() != Outcome.OK) {
        deliveries.expect(t, part.sequence());
      }
    }
  }

  @Override
  public void written(
      String output, OutputType type, PartOutcome part, long startedNanos, long writtenNanos) {
    if (type == OutputType.LINE) {
      // The camera acknowledged the register write: the line's delivery.
      deliveries.received(type, part.sequence());
    }
    synchronized (this) {
      Long decidedAt = decidedNanos.get(part.sequence());
      if (decidedAt == null) {
        return;
      }
      Hops h = hops.get(type);
      h.written().record(writtenNanos);
      h.added().record(Math.max(0, writtenNanos - decidedAt));
      h.waited().record(Math.max(0, startedNanos - decidedAt));
      h.wrote().record(Math.max(0, writtenNanos - startedNanos));
    }
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

  /** Buffer filled → written. */
  synchronized LatencySamples.Percentiles written(OutputType type) {
    return hops.get(type).written().percentiles();
  }

  /** Decided → written, per part: what the output adds to the verdict. */
  synchronized LatencySamples.Percentiles added(OutputType type) {
    return hops.get(type).added().percentiles();
  }

  /** Decided → the output's thread starting the write: hand-over and queue. */
  synchronized LatencySamples.Percentiles waited(OutputType type) {
    return hops.get(type).waited().percentiles();
  }

  /** The write itself: started → written (GVCP, PUBACK, HTTP answer). */
  synchronized LatencySamples.Percentiles wrote(OutputType type) {
    return hops.get(type).wrote().percentiles();
  }

  Deliveries deliveries() {
    return deliveries;
  }
}
