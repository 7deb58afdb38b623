package io.camerabridge.metrics;

/**
 * What one camera's pipeline reports per frame. Calls are cheap and never block: implementations
 * hold their meters, so the hot path does no registry lookup. One instance per camera, shared by
 * the acquisition thread and the HTTP event loop (thread-safe).
 *
 * <p>Durations are in nanoseconds; pass {@link #NOT_MEASURED} for a stage the frame never reached
 * (e.g. no upload when the connection could not be opened). The frame wait is recorded at pop time
 * by {@link #frameWaited}, for every frame, sent or dropped.
 */
public interface FrameMetrics {

  /** A duration for a stage that did not happen; it is not recorded. */
  long NOT_MEASURED = -1L;

  /** A frame was popped from the stream, complete or not. */
  void frameAcquired();

  /**
   * Time from Aravis filling the buffer (its system timestamp) to our pop, in nanoseconds. Negative
   * values (clock steps) are ignored.
   */
  void frameWaited(long waitNanos);

  /**
   * A frame arrived with an Aravis status other than success.
   *
   * @param arvBufferStatus the status, as Aravis names it with or without the {@code
   *     ARV_BUFFER_STATUS_} prefix, any case ({@code MISSING_PACKETS}, {@code missing_packets});
   *     unknown names are counted as {@code other} so the tag stays bounded
   */
  void frameIncomplete(String arvBufferStatus);

  /** A frame was given back without analysis. */
  void frameDropped(DropReason reason);

  /** The payload size of an acquired frame, in bytes. */
  void frameSize(long bytes);

  /** A complete frame lacked {@code values} of the camera's configured chunk values. */
  default void chunksMissing(int values) {}

  /**
   * One exchange with the analyzer finished: counts the result and records the stage latencies.
   *
   * @param uploadNanos first request byte to last request byte written, or {@link #NOT_MEASURED}
   * @param analysisNanos last request byte written to complete response, or {@link #NOT_MEASURED}
   * @param endToEndNanos buffer filled (Aravis timestamp) to result handled, or {@link
   *     #NOT_MEASURED}
   */
  void recordExchange(
      ExchangeOutcome outcome, long uploadNanos, long analysisNanos, long endToEndNanos);

  /**
   * Like {@link #recordExchange(ExchangeOutcome, long, long, long)}, by outcome name ({@code "ok"},
   * {@code "timeout"}, ...), as the PEKAT client's outcomes name themselves. Its {@code "busy"}
   * outcome is not an exchange (nothing reached the network): it counts as {@link
   * #frameDropped(DropReason) dropped} for {@link DropReason#ANALYZER_BUSY}.
   *
   * @throws IllegalArgumentException for a name that is neither {@code busy} nor an {@link
   *     ExchangeOutcome}, so that the {@code outcome} tag stays bounded
   */
  default void recordExchange(
      String outcome, long uploadNanos, long analysisNanos, long endToEndNanos) {
    if (BUSY.equals(outcome)) {
      frameDropped(DropReason.ANALYZER_BUSY);
      return;
    }
    recordExchange(ExchangeOutcome.fromTag(outcome), uploadNanos, analysisNanos, endToEndNanos);
  }

  /** The PEKAT client's name for "every connection busy, frame not sent". */
  String BUSY = "busy";

  /** The camera was lost and has been opened again. */
  void cameraReconnected();

  /** The camera drifted from its configuration, which is being applied again. */
  default void cameraReconfigured() {}

  /** Writing the results journal or an NG image failed. */
  void writeFailed(WriteTarget target);

  /** The results journal had been deleted or moved under the service and was opened again. */
  void journalReopened();

  /** Metrics that go nowhere, for tools and tests that do not publish metrics. */
  static FrameMetrics noop() {
    return NoopFrameMetrics.INSTANCE;
  }
}
