package io.camerabridge.tools.sim;

import java.util.ArrayDeque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters per endpoint and outcome, and the last N requests in detail. Thread-safe; counting costs
 * one {@link LongAdder} increment and a short lock around the ring of recent requests.
 */
public final class SimulatorStats {
  private final Map<Endpoint, Map<Outcome, LongAdder>> counts = new EnumMap<>(Endpoint.class);
  private final ArrayDeque<RequestRecord> recent = new ArrayDeque<>();
  private final int capacity;
  private final AtomicLong sequence = new AtomicLong();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger peakInFlight = new AtomicInteger();
  private final AtomicInteger processing = new AtomicInteger();
  private final AtomicInteger peakProcessing = new AtomicInteger();

  SimulatorStats(int capacity) {
    this.capacity = capacity;
    for (Endpoint e : Endpoint.values()) {
      Map<Outcome, LongAdder> perOutcome = new EnumMap<>(Outcome.class);
      for (Outcome o : Outcome.values()) {
        perOutcome.put(o, new LongAdder());
      }
      counts.put(e, perOutcome);
    }
  }

  long nextSequence() {
    return sequence.incrementAndGet();
  }

  void record(RequestRecord request) {
    counts.get(request.endpoint()).get(request.outcome()).increment();
    if (capacity == 0) {
      return;
    }
    synchronized (recent) {
      if (recent.size() == capacity) {
        recent.removeFirst();
      }
      recent.addLast(request);
    }
  }

  void analyzeArrived() {
    peakInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
  }

  void analyzeAnswered() {
    inFlight.decrementAndGet();
  }

  void processingStarted() {
    peakProcessing.accumulateAndGet(processing.incrementAndGet(), Math::max);
  }

  void processingEnded() {
    processing.decrementAndGet();
  }

  /** Analyze requests received and not yet processed (waiting for a lane or on one). */
  public int inFlight() {
    return inFlight.get();
  }

  /**
   * The most analyze requests ever in flight at once: a client limited to N requests in flight
   * never makes this exceed N.
   */
  public int peakInFlight() {
    return peakInFlight.get();
  }

  /** The most images ever processed at once: never more than the configured lanes. */
  public int peakProcessing() {
    return peakProcessing.get();
  }

  /** Requests to {@code endpoint} answered with {@code outcome}. */
  public long count(Endpoint endpoint, Outcome outcome) {
    return counts.get(endpoint).get(outcome).sum();
  }

  /** All requests to {@code endpoint}, whatever the outcome. */
  public long count(Endpoint endpoint) {
    long total = 0;
    for (LongAdder adder : counts.get(endpoint).values()) {
      total += adder.sum();
    }
    return total;
  }

  /** All requests answered (or faulted) so far. */
  public long total() {
    long total = 0;
    for (Endpoint e : Endpoint.values()) {
      total += count(e);
    }
    return total;
  }

  /** The most recent requests, oldest first (at most the configured capacity). */
  public List<RequestRecord> recent() {
    synchronized (recent) {
      return List.copyOf(recent);
    }
  }

  /** The most recent request, if any. */
  public Optional<RequestRecord> last() {
    synchronized (recent) {
      return Optional.ofNullable(recent.peekLast());
    }
  }

  /** Forgets the counters and recent requests, e.g. between test cases sharing one simulator. */
  public void clear() {
    synchronized (recent) {
      recent.clear();
      counts.values().forEach(m -> m.values().forEach(LongAdder::reset));
      sequence.set(0);
      peakInFlight.set(inFlight.get());
      peakProcessing.set(processing.get());
    }
  }
}
