package io.camerabridge.analyzers;

import io.camerabridge.pekat.EndpointRules;
import io.camerabridge.pekat.PekatClient;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * One PEKAT instance of a camera's pool: its own client (connections, {@code maxInFlight}), its
 * slots, health and totals. Slots are reserved by the pool before a frame is sent and given back
 * when the exchange ends, so the pool never asks a client that is already full.
 */
final class Instance {
  final String name;
  final PekatClient client;
  final Probe probe;
  final int maxInFlight;
  final AtomicInteger inFlight = new AtomicInteger();
  final AtomicInteger consecutiveFailures = new AtomicInteger();
  final LongAdder requests = new LongAdder();
  final LongAdder failures = new LongAdder();
  final LongAdder failoversResent = new LongAdder();
  final LongAdder failoversLost = new LongAdder();
  volatile AnalyzerState state = AnalyzerState.DOWN;

  /**
   * A failure is being checked with one {@code /ping}: no new frame goes to the instance until it
   * answers, so a dead instance's freed slot does not swallow the next frame too.
   */
  volatile boolean checking;

  /** Last analysis round trip, for the retry deadline check; 0 before the first answer. */
  volatile long lastLatencyNanos;

  /** Bound with the meters; null until then (tests without a registry). */
  volatile Timer latency;

  Instance(PekatClient client) {
    this.client = client;
    this.name = EndpointRules.instanceName(client.endpoint().baseUrl());
    this.probe = new Probe(client.endpoint());
    this.maxInFlight = client.endpoint().maxInFlight();
  }

  /** Takes a slot if the instance is ready, not under a check, and has one free. */
  boolean tryReserve() {
    while (routable()) {
      int now = inFlight.get();
      if (now >= maxInFlight) {
        return false;
      }
      if (inFlight.compareAndSet(now, now + 1)) {
        return true;
      }
    }
    return false;
  }

  /** Ready and not under a {@code /ping} check: frames may go to it. */
  boolean routable() {
    return state == AnalyzerState.READY && !checking;
  }

  void releaseSlot() {
    inFlight.decrementAndGet();
  }

  void answered(long latencyNanos) {
    lastLatencyNanos = latencyNanos;
    Timer t = latency;
    if (t != null) {
      t.record(latencyNanos, TimeUnit.NANOSECONDS);
    }
  }

  @Override
  public String toString() {
    return name + " (" + state.label() + ", " + inFlight.get() + " in flight)";
  }
}
