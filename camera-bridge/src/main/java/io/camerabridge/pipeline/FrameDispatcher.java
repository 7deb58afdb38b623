package io.camerabridge.pipeline;

import io.camerabridge.frame.FrameLeases;
import io.camerabridge.frame.NativeFrameBuf;
import io.camerabridge.metrics.DropReason;
import io.camerabridge.metrics.FrameMetrics;
import io.camerabridge.ops.logging.RateLimitedLog;
import io.camerabridge.outcome.VerdictSequencer;
import io.camerabridge.pekat.PekatClient;
import io.camerabridge.pekat.RawFrame;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.LoggerFactory;

/**
 * Hands complete frames of one camera to its analyzer, zero-copy. Runs on the frame thread, which
 * it blocks at most {@code busyWait} per frame: while {@code maxInFlight} frames are out, a frame
 * waits that long for a slot (Aravis may complete several frames at once after a scheduling hiccup;
 * the next frames wait in Aravis's queue meanwhile) and is then dropped as busy. Frames are dropped
 * outright while the analyzer is known to be down.
 *
 * <p>Ownership: {@link #dispatch} always ends with the frame's give-back running exactly once —
 * when Netty drops the last reference to the wrapped buffer, or at once on a drop. When NG frames
 * are saved raw, one extra reference is kept until the verdict is known, so the pixels can be
 * encoded after the upload; the Aravis buffer goes back to the camera only then.
 */
final class FrameDispatcher {
  private static final RateLimitedLog LOG =
      new RateLimitedLog(LoggerFactory.getLogger(FrameDispatcher.class));

  private final String cameraId;
  private final PekatClient client;
  private final DataTemplate data;
  private final FrameMetrics metrics;
  private final PipelineStats stats;
  private final FrameLeases leases;
  private final AnalyzerAvailability analyzer;
  private final OutcomeHandler outcomes;
  private final VerdictSequencer verdicts;
  private final Executor resultExecutor;
  private final boolean keepPixelsForNg;
  private final Duration busyWait;

  FrameDispatcher(
      String cameraId,
      PekatClient client,
      DataTemplate data,
      FrameMetrics metrics,
      PipelineStats stats,
      FrameLeases leases,
      AnalyzerAvailability analyzer,
      OutcomeHandler outcomes,
      VerdictSequencer verdicts,
      Executor resultExecutor,
      boolean keepPixelsForNg,
      Duration busyWait) {
    this.cameraId = cameraId;
    this.client = client;
    this.data = data;
    this.metrics = metrics;
    this.stats = stats;
    this.leases = leases;
    this.analyzer = analyzer;
    this.outcomes = outcomes;
    this.verdicts = verdicts;
    this.resultExecutor = resultExecutor;
    this.keepPixelsForNg = keepPixelsForNg;
    this.busyWait = busyWait;
  }

  /**
   * Sends the frame or drops it; takes ownership of its give-back in every case. The part's outcome
   * is expected from here on: a dropped frame is decided as an error at once.
   */
  void dispatch(FrameView frame, long sequence) {
    verdicts.expect(sequence, frame.frameId(), frame.systemTimestampNanos());
    if (!analyzer.mayTry(System.nanoTime())) {
      drop(frame, sequence, DropReason.ANALYZER_DOWN);
      return;
    }
    if (!slotFree()) {
      drop(frame, sequence, DropReason.ANALYZER_BUSY);
      return;
    }
    NativeFrameBuf buf;
    RawFrame raw;
    try {
      buf = leases.wrap(frame.pixels(), frame.giveBack());
    } catch (IllegalArgumentException e) {
      LOG.warn(
          "Camera {}: frame {} cannot be wrapped: {}", cameraId, frame.frameId(), e.getMessage());
      drop(frame, sequence, DropReason.CONVERSION_IMPOSSIBLE);
      return;
    }
    try {
      raw = new RawFrame(buf, frame.width(), frame.height(), frame.layout());
    } catch (IllegalArgumentException e) {
      LOG.warn(
          cameraId + "/reject",
          "Camera {}: frame {} rejected: {}",
          cameraId,
          frame.frameId(),
          e.getMessage());
      buf.release();
      metrics.frameDropped(DropReason.CONVERSION_IMPOSSIBLE);
      stats.dropped.increment();
      verdicts.fail(sequence, DropReason.CONVERSION_IMPOSSIBLE.tagValue());
      return;
    }
    NativeFrameBuf kept = keepPixelsForNg ? (NativeFrameBuf) buf.retain() : null;
    stats.sent.increment();
    client
        .analyze(raw, data.format(cameraId, frame))
        .whenCompleteAsync(
            (outcome, error) -> outcomes.handle(frame, sequence, outcome, error, kept),
            this::runOffEventLoop);
  }

  private boolean slotFree() {
    try {
      return client.awaitCapacity(busyWait);
    } catch (InterruptedException e) {
      // Stopping: the frame is given back by the caller's drop.
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private void drop(FrameView frame, long sequence, DropReason reason) {
    frame.giveBack().run();
    metrics.frameDropped(reason);
    stats.dropped.increment();
    verdicts.fail(sequence, reason.tagValue());
  }

  /** Results run on the results thread; if it has stopped (shutdown), inline, so nothing leaks. */
  private void runOffEventLoop(Runnable task) {
    try {
      resultExecutor.execute(task);
    } catch (RejectedExecutionException e) {
      task.run();
    }
  }
}
