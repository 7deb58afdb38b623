package io.camerabridge.pekat;

import io.netty.buffer.ByteBuf;
import java.time.Duration;
import java.util.concurrent.CompletionStage;

/**
 * Sends images to one PEKAT project and reports how each request ended.
 *
 * <p>Contract of {@link #analyze} and {@link #analyzeImage}:
 *
 * <ul>
 *   <li>The call takes ownership of one reference to the buffer and releases it exactly once,
 *       whatever happens: on success, error, timeout, reset, busy, and close.
 *   <li>It never blocks and never throws (except for {@code null} arguments, a programming error):
 *       every failure is an {@link AnalysisOutcome}.
 *   <li>When {@link PekatEndpoint#maxInFlight()} requests are already in flight, the buffer is
 *       released at once and the stage completes with {@link AnalysisOutcome.Busy}: frames are
 *       dropped, never queued.
 *   <li>The stage completes on a Netty event-loop thread: do not block in dependent stages (use the
 *       {@code *Async} variants with your own executor for slow work).
 * </ul>
 */
public interface PekatClient extends AutoCloseable {

  /** The project this client talks to. */
  PekatEndpoint endpoint();

  /**
   * Posts raw pixels to {@code analyze_raw_image?width=W&height=H} (plus {@code bayer} for Bayer
   * RG8 and the endpoint's options).
   *
   * @param frame the pixels; the client owns {@code frame.pixels()} from now on
   * @param data copied by PEKAT into the context as {@code data}; {@code null} sends none
   */
  CompletionStage<AnalysisOutcome> analyze(RawFrame frame, String data);

  /**
   * Posts an encoded image file (PNG, JPEG, BMP) to {@code analyze_image}.
   *
   * @param encoded the file bytes; the client owns this reference from now on
   * @param data copied by PEKAT into the context as {@code data}; {@code null} sends none
   */
  CompletionStage<AnalysisOutcome> analyzeImage(ByteBuf encoded, String data);

  /** Requests accepted and not yet completed. */
  int inFlight();

  /**
   * Requests sent a second time, on a fresh connection, since the client opened: only a request of
   * which no byte reached the socket of a reused connection is retried, so PEKAT never sees a frame
   * twice. Thread-safe; for a metric.
   */
  long retries();

  /**
   * Waits until fewer than {@link PekatEndpoint#maxInFlight()} requests are in flight, for at most
   * {@code timeout}. A true answer is a hint, not a reservation: another caller may take the slot
   * first, and {@link #analyze} then still answers {@link AnalysisOutcome.Busy}. Never call it with
   * a non-zero timeout on an event-loop thread (the slot is freed there).
   *
   * @return whether a slot was free before the timeout
   */
  boolean awaitCapacity(Duration timeout) throws InterruptedException;

  /**
   * Fails requests still in flight with {@link AnalysisOutcome.IoError}, closes every connection
   * and releases every buffer. Idempotent.
   */
  @Override
  default void close() {
    close(Duration.ZERO);
  }

  /**
   * Stops accepting requests, lets those in flight finish for up to {@code drain}, then closes as
   * {@link #close()}. Blocks the caller for at most {@code drain} plus a few seconds; must not be
   * called from an event-loop thread with a non-zero drain.
   */
  void close(Duration drain);
}
