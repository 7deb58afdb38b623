package io.camerabridge.pipeline;

import io.camerabridge.analyzers.AnalyzerPool;
import io.camerabridge.frame.FrameInfo;
import io.camerabridge.frame.FrameLease;
import io.camerabridge.metrics.DropReason;
import io.camerabridge.metrics.FrameMetrics;
import io.camerabridge.outcome.VerdictSequencer;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Hands complete frames of one camera to its analyzer, zero-copy. Runs on the frame thread, which
 * it blocks at most {@code busyWait} per frame: while every ready instance has {@code maxInFlight}
 * frames out, a frame waits that long for a slot (Aravis may complete several frames at once after
 * a scheduling hiccup; the next frames wait in Aravis's queue meanwhile) and is then dropped as
 * busy. Frames are dropped outright while no instance is ready (down, or warming up).
 *
 * <p>Ownership: {@link #dispatch} takes the lease's one reference; the client releases it once the
 * socket is done with it, or the dispatcher at once on a drop. When NG frames are saved raw, one
 * extra reference is kept until the verdict is known, so the pixels can be encoded after the
 * upload; the Aravis buffer goes back to the camera only then.
 */
final class FrameDispatcher {
  private final String cameraId;
  private final AnalyzerPool analyzers;
  private final DataTemplate data;
  private final FrameMetrics metrics;
  private final PipelineStats stats;
  private final OutcomeHandler outcomes;
  private final VerdictSequencer verdicts;
  private final Executor resultExecutor;
  private final boolean keepPixelsForNg;
  private final Duration busyWait;
  private final FrameTap tap;
  private final long verdictDeadlineNanos;

  FrameDispatcher(
      String cameraId,
      AnalyzerPool analyzers,
      DataTemplate data,
      FrameMetrics metrics,
      PipelineStats stats,
      OutcomeHandler outcomes,
      VerdictSequencer verdicts,
      Executor resultExecutor,
      boolean keepPixelsForNg,
      Duration busyWait,
      Optional<Duration> verdictDeadline,
      FrameTap tap) {
    this.cameraId = cameraId;
    this.analyzers = analyzers;
    this.data = data;
    this.metrics = metrics;
    this.stats = stats;
    this.outcomes = outcomes;
    this.verdicts = verdicts;
    this.resultExecutor = resultExecutor;
    this.keepPixelsForNg = keepPixelsForNg;
    this.busyWait = busyWait;
    this.tap = tap;
    this.verdictDeadlineNanos = verdictDeadline.map(Duration::toNanos).orElse(-1L);
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
    AnalyzerPool.Slot slot = acquire(frame);
    if (!slot.reserved()) {
      drop(
          frame,
          slot == AnalyzerPool.Slot.DOWN ? DropReason.ANALYZER_DOWN : DropReason.ANALYZER_BUSY);
      return;
    }
    boolean keep = keepPixelsForNg;
    if (keep) {
      frame.retain();
    }
    stats.sent.increment();
    analyzers
        .analyze(slot, frame, data.format(frame.info()), deadlineNanos(info))
        .whenCompleteAsync(
            (routed, error) -> outcomes.handle(frame, routed, error, keep), this::runOffEventLoop);
  }

  private AnalyzerPool.Slot acquire(FrameLease frame) {
    try {
      return analyzers.acquire(frame, busyWait);
    } catch (InterruptedException e) {
      // Stopping: the frame is given back by the caller's drop.
      Thread.currentThread().interrupt();
      return AnalyzerPool.Slot.BUSY;
    }
  }

  /** When the part's verdict is due, on the {@link System#nanoTime()} clock. */
  private long deadlineNanos(FrameInfo info) {
    if (verdictDeadlineNanos < 0) {
      return AnalyzerPool.NO_DEADLINE;
    }
    Instant now = Instant.now();
    long ageNanos =
        now.getEpochSecond() * 1_000_000_000L + now.getNano() - info.systemTimestampNanos();
    return System.nanoTime() + verdictDeadlineNanos - Math.max(0, ageNanos);
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
