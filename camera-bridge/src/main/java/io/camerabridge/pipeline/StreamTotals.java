package io.camerabridge.pipeline;

import io.camerabridge.metrics.StreamStatistics;

/**
 * Aravis's stream counters summed over every stream a camera has had, so the exported counters keep
 * growing across reconnects instead of falling back to zero. Thread-safe.
 */
final class StreamTotals {
  private long missing;
  private long resent;
  private long underruns;

  /** Adds a closing stream's final counters to the retired totals. */
  synchronized void retire(io.camerabridge.bindings.aravis.StreamStatistics last) {
    if (last != null) {
      missing += last.missingPackets();
      resent += last.resentPackets();
      underruns += last.underruns();
    }
  }

  /** Retired totals plus the live stream's counters (null when there is none). */
  synchronized StreamStatistics current(io.camerabridge.bindings.aravis.StreamStatistics live) {
    if (live == null) {
      return new StreamStatistics(missing, resent, underruns);
    }
    return new StreamStatistics(
        missing + live.missingPackets(),
        resent + live.resentPackets(),
        underruns + live.underruns());
  }
}
