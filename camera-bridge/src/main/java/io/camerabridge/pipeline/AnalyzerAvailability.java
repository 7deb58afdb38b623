package io.camerabridge.pipeline;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Whether a camera's analyzer is reachable, learned from the exchanges themselves. While it is
 * down, frames are dropped (reason {@code analyzer_down}) except one real frame per probe interval,
 * which finds out when it is back: results resume within one interval of its return, and no backlog
 * of stale frames builds up meanwhile.
 *
 * <p>Thread-safe: asked on the frame thread, told on the event loop.
 */
final class AnalyzerAvailability {
  private static final long UP = Long.MIN_VALUE;

  private final long probeIntervalNanos;

  /** {@link #UP}, or the nanoTime from which the next probe may go. */
  private final AtomicLong nextProbeNanos = new AtomicLong(UP);

  AnalyzerAvailability(Duration probeInterval) {
    this.probeIntervalNanos = probeInterval.toNanos();
  }

  /** Whether a frame may be sent now; while down, true once per probe interval. */
  boolean mayTry(long nowNanos) {
    long next = nextProbeNanos.get();
    if (next == UP) {
      return true;
    }
    return nowNanos - next >= 0
        && nextProbeNanos.compareAndSet(next, nowNanos + probeIntervalNanos);
  }

  /** The analyzer answered (with anything at the HTTP level). */
  void reachable() {
    nextProbeNanos.set(UP);
  }

  /** A connection could not be opened. */
  void unreachable(long nowNanos) {
    nextProbeNanos.updateAndGet(v -> v == UP ? nowNanos + probeIntervalNanos : v);
  }

  boolean isReachable() {
    return nextProbeNanos.get() == UP;
  }
}
