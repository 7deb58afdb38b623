package io.camerabridge.tools.bench;

import io.camerabridge.metrics.DropReason;
import io.camerabridge.metrics.ExchangeOutcome;
import io.camerabridge.metrics.FrameMetrics;
import io.camerabridge.metrics.WriteTarget;
import java.util.concurrent.atomic.LongAdder;

/**
 * The pipeline's per-frame metrics hook, used by {@code bench e2e} only to learn, on the frame
 * thread, when the frame now being handled was popped (Aravis handed over the filled buffer) and
 * how long after its leader packet that was. The pipeline calls {@link #frameAcquired()} and {@link
 * #frameWaited} on the frame thread right before it converts and dispatches the same frame on the
 * same thread, so {@link TimedPekatClient} can read both without any matching by id. It also counts
 * drops by reason; other counts come from the pipeline's own statistics, the rest is a no-op.
 */
final class PopClock implements FrameMetrics {

  private final LongAdder[] drops = new LongAdder[DropReason.values().length];
  private Thread owner;
  private long popNanos;
  private long waitNanos = NOT_MEASURED;

  PopClock() {
    for (int i = 0; i < drops.length; i++) {
      drops[i] = new LongAdder();
    }
  }

  /** Frames dropped so far, by reason. */
  DropTally drops() {
    return DropTally.of(drops);
  }

  @Override
  public void frameAcquired() {
    owner = Thread.currentThread();
    popNanos = System.nanoTime();
    waitNanos = NOT_MEASURED;
  }

  @Override
  public void frameWaited(long waitNanos) {
    this.waitNanos = waitNanos;
  }

  /** When the frame the calling frame thread is handling was popped ({@link System#nanoTime}). */
  long popNanos() {
    return popNanos;
  }

  /** Leader packet to pop of that frame, or {@link #NOT_MEASURED}. */
  long waitNanos() {
    return waitNanos;
  }

  /** Whether the caller is the frame thread that last popped a frame. */
  boolean isFrameThread() {
    return owner == Thread.currentThread();
  }

  @Override
  public void frameIncomplete(String arvBufferStatus) {}

  @Override
  public void frameDropped(DropReason reason) {
    drops[reason.ordinal()].increment();
  }

  @Override
  public void frameSize(long bytes) {}

  @Override
  public void recordExchange(
      ExchangeOutcome outcome, long uploadNanos, long analysisNanos, long endToEndNanos) {}

  @Override
  public void cameraReconnected() {}

  @Override
  public void writeFailed(WriteTarget target) {}

  @Override
  public void journalReopened() {}
}
