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
 *
 * <p>The bridge warms every analyzer up with one synthetic frame ({@code
 * data=camera-bridge/warm-up}) at start and after each outage, and probes {@code /ping} and {@code
 * /version}: {@link #frames()} and {@link #recentFrames()} count only the camera's frames, so a
 * test about frames states no warm-ups; {@link #count} and {@link #recent()} still see every
 * request.
 */
public final class SimulatorStats {
  /** The bridge's warm-up {@code data} (analyzers.Recovery.WARMUP_DATA). */
  public static final String WARM_UP_DATA = "camera-bridge/warm-up";

  private final LongAdder warmUps = new LongAdder();
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
    if (isWarmUp(request)) {
      warmUps.increment();
    }
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

  /** Whether {@code r} is the bridge's warm-up frame rather than a camera frame. */
  public static boolean isWarmUp(RequestRecord r) {
    return r.endpoint().analyze() && WARM_UP_DATA.equals(r.query().get("data"));
  }

  /** Warm-up frames received (any analyze endpoint, any outcome). */
  public long warmUps() {
    return warmUps.sum();
  }

  /** Analyze requests that carried a camera frame: every analyze endpoint, minus warm-ups. */
  public long frames() {
    long total = 0;
    for (Endpoint e : Endpoint.values()) {
      if (e.analyze()) {
        total += count(e);
      }
    }
    return total - warmUps();
  }

  /** The most recent analyze requests that carried a camera frame, oldest first. */
  public List<RequestRecord> recentFrames() {
    return recent().stream().filter(r -> r.endpoint().analyze() && !isWarmUp(r)).toList();
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
      warmUps.reset();
      sequence.set(0);
      peakInFlight.set(inFlight.get());
      peakProcessing.set(processing.get());
    }
  }
}
