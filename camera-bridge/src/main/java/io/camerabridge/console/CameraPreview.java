package io.camerabridge.console;

import io.camerabridge.frame.FrameInfo;
import io.camerabridge.pekat.AnalysisOutcome;
import io.camerabridge.pekat.AnalysisResult;
import io.camerabridge.pipeline.FrameTap;
import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.UnaryOperator;

/**
 * One camera's side of the console: the tap the frame thread offers frames to, the newest preview,
 * the last verdict and the recent NG verdicts.
 *
 * <p>Bounds: the frame thread sees one volatile flag, {@link #wanted()}, which the console's
 * scheduler raises at most twice a second and only while someone watches; the first frame offered
 * lowers it again. That frame is copied into this camera's one copy buffer on the preview worker
 * (the camera gets its buffer back right after the copy), then downscaled and encoded there.
 * Memory: one frame-sized direct buffer while watched, one small picture, {@value #NG_EVENTS} NG
 * entries.
 */
final class CameraPreview implements FrameTap {
  static final int NG_EVENTS = 50;
  static final int MAX_CONTEXT_CHARS = 64 * 1024;
  static final long INTERVAL_NANOS = 500_000_000L;

  private final String cameraId;
  private final Executor worker;
  private final UnaryOperator<String> redact;
  private final AtomicBoolean armed = new AtomicBoolean();
  private final AtomicBoolean busy = new AtomicBoolean();
  private final ArrayDeque<NgEvent> ng = new ArrayDeque<>();
  private final LongAdder skipped = new LongAdder();
  private volatile Preview latest;
  private volatile Verdict verdict;
  private volatile long lastCaptureNanos = Long.MIN_VALUE / 2;
  private volatile long idleSinceNanos = System.nanoTime();
  private volatile boolean holdsCopy;
  private ByteBuffer copy;
  private long sequence;

  /**
   * @param worker the preview worker thread (bounded queue)
   * @param redact removes secrets (the PEKAT API key) from the context text
   */
  CameraPreview(String cameraId, Executor worker, UnaryOperator<String> redact) {
    this.cameraId = cameraId;
    this.worker = worker;
    this.redact = redact;
  }

  String cameraId() {
    return cameraId;
  }

  // ---- frame thread ---------------------------------------------------------------------------

  @Override
  public boolean wanted() {
    return armed.get();
  }

  @Override
  public void offer(ByteBuf pixels, FrameInfo frame) {
    if (!armed.compareAndSet(true, false) || !busy.compareAndSet(false, true)) {
      pixels.release();
      return;
    }
    try {
      worker.execute(() -> capture(pixels, frame));
    } catch (RejectedExecutionException e) {
      busy.set(false);
      pixels.release();
      skipped.increment();
    }
  }

  // ---- results thread -------------------------------------------------------------------------

  @Override
  public void answered(FrameInfo frame, Instant at, AnalysisOutcome outcome, String analyzer) {
    if (!(outcome instanceof AnalysisOutcome.Analyzed analyzed)) {
      verdict =
          new Verdict(frame.sequence(), frame.frameId(), at, outcome.name(), List.of(), analyzer);
      return;
    }
    AnalysisResult result = analyzed.result();
    verdict =
        new Verdict(
            frame.sequence(), frame.frameId(), at, outcome.name(), result.rectangles(), analyzer);
    if (result.verdict() == AnalysisResult.Verdict.NG) {
      String context = result.contextJson();
      if (context.length() > MAX_CONTEXT_CHARS) {
        context = context.substring(0, MAX_CONTEXT_CHARS);
      }
      NgEvent event =
          new NgEvent(
              frame.sequence(), frame.frameId(), at, result.rectangles(), redact.apply(context));
      synchronized (ng) {
        ng.addFirst(event);
        while (ng.size() > NG_EVENTS) {
          ng.removeLast();
        }
      }
    }
  }

  // ---- console scheduler and worker -----------------------------------------------------------

  /** Raises the flag when a preview is due; called every tick while someone watches. */
  void arm(long nowNanos) {
    idleSinceNanos = nowNanos;
    if (!busy.get() && nowNanos - lastCaptureNanos >= INTERVAL_NANOS) {
      armed.set(true);
    }
  }

  /** Nobody watches: no more frames, and after {@code keepNanos} the copy buffer goes. */
  void disarm(long nowNanos, long keepNanos) {
    armed.set(false);
    if (holdsCopy && nowNanos - idleSinceNanos > keepNanos) {
      holdsCopy = false;
      try {
        worker.execute(() -> copy = null);
      } catch (RejectedExecutionException e) {
        holdsCopy = true; // try again on the next tick
      }
    }
  }

  private void capture(ByteBuf pixels, FrameInfo frame) {
    try {
      ByteBuffer own;
      try {
        own = copyOf(pixels);
      } finally {
        pixels.release();
      }
      lastCaptureNanos = System.nanoTime();
      var image =
          PreviewImage.scale(
              own, frame.width(), frame.height(), frame.layout(), PreviewImage.MAX_WIDTH);
      byte[] jpeg = PreviewImage.jpeg(image);
      latest = new Preview(++sequence, frame, Instant.now(), image, jpeg);
    } catch (RuntimeException e) {
      skipped.increment();
    } finally {
      busy.set(false);
    }
  }

  private ByteBuffer copyOf(ByteBuf pixels) {
    int n = pixels.readableBytes();
    if (copy == null || copy.capacity() < n) {
      copy = ByteBuffer.allocateDirect(n);
    }
    holdsCopy = true;
    copy.clear().limit(n);
    pixels.getBytes(pixels.readerIndex(), copy);
    copy.flip();
    return copy;
  }

  // ---- readers (any thread) -------------------------------------------------------------------

  Optional<Preview> latest() {
    return Optional.ofNullable(latest);
  }

  Optional<Verdict> verdict() {
    return Optional.ofNullable(verdict);
  }

  List<NgEvent> ngEvents() {
    synchronized (ng) {
      return List.copyOf(ng);
    }
  }

  /** Previews not made because the worker was behind or encoding failed. */
  long skipped() {
    return skipped.sum();
  }
}
