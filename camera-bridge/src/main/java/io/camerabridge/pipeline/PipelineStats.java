package io.camerabridge.pipeline;

import java.util.Arrays;
import java.util.concurrent.atomic.LongAdder;

/**
 * Running totals of one camera's pipeline, and the recent end-to-end latencies, for status lines
 * and summaries (Prometheus gets the same facts from {@code FrameMetrics}). Thread-safe.
 */
public final class PipelineStats {
  private static final int WINDOW = 512;

  final LongAdder acquired = new LongAdder();
  final LongAdder incomplete = new LongAdder();
  final LongAdder sent = new LongAdder();
  final LongAdder ok = new LongAdder();
  final LongAdder ng = new LongAdder();
  final LongAdder noVerdict = new LongAdder();
  final LongAdder failed = new LongAdder();
  final LongAdder dropped = new LongAdder();
  final LongAdder reconnects = new LongAdder();
  private final long[] latencies = new long[WINDOW];
  private int next;
  private int filled;

  /** A copy of the totals and the percentiles of the last {@value #WINDOW} latencies. */
  public Snapshot snapshot() {
    long[] recent;
    synchronized (latencies) {
      recent = Arrays.copyOf(latencies, filled);
    }
    Arrays.sort(recent);
    return new Snapshot(
        acquired.sum(),
        incomplete.sum(),
        sent.sum(),
        ok.sum(),
        ng.sum(),
        noVerdict.sum(),
        failed.sum(),
        dropped.sum(),
        reconnects.sum(),
        percentileMillis(recent, 0.50),
        percentileMillis(recent, 0.99));
  }

  void latency(long nanos) {
    synchronized (latencies) {
      latencies[next] = nanos;
      next = (next + 1) % WINDOW;
      filled = Math.min(filled + 1, WINDOW);
    }
  }

  private static double percentileMillis(long[] sorted, double q) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int index = (int) Math.ceil(q * sorted.length) - 1;
    return sorted[Math.max(0, index)] / 1e6;
  }

  /**
   * Totals at one moment.
   *
   * @param acquired frames popped, complete or not
   * @param incomplete frames with a non-success status
   * @param sent frames handed to the analyzer
   * @param ok analysed and judged OK
   * @param ng analysed and judged NG
   * @param noVerdict analysed without a verdict
   * @param failed exchanges that failed (HTTP error, timeout, connection or response problems)
   * @param dropped frames given back without analysis (back-pressure, analyzer down, conversion)
   * @param reconnects times the camera was reopened
   * @param p50Millis median end-to-end latency of recent results, NaN before the first
   * @param p99Millis 99th percentile of the same
   */
  public record Snapshot(
      long acquired,
      long incomplete,
      long sent,
      long ok,
      long ng,
      long noVerdict,
      long failed,
      long dropped,
      long reconnects,
      double p50Millis,
      double p99Millis) {

    /** Results of any kind (answers and failures). */
    public long results() {
      return ok + ng + noVerdict + failed;
    }
  }
}
