package io.camerabridge.pipeline;

import io.camerabridge.frame.FrameInfo;
import io.camerabridge.frame.FrameLease;
import io.camerabridge.metrics.DropReason;
import io.camerabridge.metrics.FrameMetrics;
import io.camerabridge.outcome.VerdictSequencer;
import io.camerabridge.pekat.PekatClient;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Hands complete frames of one camera to its analyzer, zero-copy. Runs on the frame thread, which
 * it blocks at most {@code busyWait} per frame: while {@code maxInFlight} frames are out, a frame
 * waits that long for a slot (Aravis may complete several frames at once after a scheduling hiccup;
 * the next frames wait in Aravis's queue meanwhile) and is then dropped as busy. Frames are dropped
 * outright while the analyzer is known to be down.
 *
 * <p>Ownership: {@link #dispatch} takes the lease's one reference; the client releases it once the
 * socket is done with it, or the dispatcher at once on a drop. When NG frames are saved raw, one
 * extra reference is kept until the verdict is known, so the pixels can be encoded after the
 * upload; the Aravis buffer goes back to the camera only then.
 */
final class FrameDispatcher {
  private final String cameraId;
  private final PekatClient client;
  private final DataTemplate data;
  private final FrameMetrics metrics;
  private final PipelineStats stats;
  private final AnalyzerAvailability analyzer;
  private final OutcomeHandler outcomes;
  private final VerdictSequencer verdicts;
  private final Executor resultExecutor;
  private final boolean keepPixelsForNg;
  private final Duration busyWait;
  private final FrameTap tap;

  FrameDispatcher(
      String cameraId,
      PekatClient client,
      DataTemplate data,
      FrameMetrics metrics,
      PipelineStats stats,
      AnalyzerAvailability analyzer,
      OutcomeHandler outcomes,
      VerdictSequencer verdicts,
      Executor resultExecutor,
      boolean keepPixelsForNg,
      Duration busyWait,
      FrameTap tap) {
    this.cameraId = cameraId;
    this.client = client;
    this.data = data;
    this.metrics = metrics;
    this.stats = stats;
    this.analyzer = analyzer;
    this.outcomes = outcomes;
    this.verdicts = verdicts;
    this.resultExecutor = resultExecutor;
    this.keepPixelsForNg = keepPixelsForNg;
    this.busyWait = busyWait;
    this.tap = tap;
  }

  /**
   * Sends the lease or drops it; takes ownership of its reference in every case. The part's outcome
   * is expected from here on (one slot write): a dropped frame is decided as an error at once.
   */
  void dispatch(FrameLease frame) {
    if (tap.wanted()) {
      // At most twice a second while someone watches; the tap copies and releases off this thread.
      tap.offer(frame.retainedDuplicate(), frame.info());
    }
    FrameInfo info = frame.info();
    verdicts.expect(
        info.sequence(), info.frameId(), info.systemTimestampNanos(), info.chunks(), info.partId());
    if (!analyzer.mayTry(System.nanoTime())) {
      drop(frame, DropReason.ANALYZER_DOWN);
      return;
    }
    if (!slotFree()) {
      drop(frame, DropReason.ANALYZER_BUSY);
      return;
    }
    boolean keep = keepPixelsForNg;
    if (keep) {
      frame.retain();
    }
    stats.sent.increment();
    client
        .analyze(frame, data.format(frame.info()))
        .whenCompleteAsync(
            (outcome, error) -> outcomes.handle(frame, outcome, error, keep),
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

  private void drop(FrameLease frame, DropReason reason) {
    long sequence = frame.sequence();
    frame.release();
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
