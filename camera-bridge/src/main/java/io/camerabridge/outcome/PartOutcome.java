package io.camerabridge.outcome;

import java.util.Map;

/**
 * The one outcome of one part that the outputs are told, in sequence order.
 *
 * @param camera the camera's configured id
 * @param sequence the camera's frame sequence (1 at service start, +1 per acquired frame)
 * @param frameId the camera's own frame id
 * @param outcome OK, NG, TIMEOUT or ERROR
 * @param decision what a TIMEOUT counts as (the verdict policy's {@code onTimeout}: OK or NG), the
 *     outcome itself for OK and NG, or null (ERROR, or a timeout that is skipped)
 * @param defects rectangles PEKAT detected
 * @param filledEpochNanos host wall-clock time the buffer was filled (ns since the epoch)
 * @param latencyNanos buffer filled to this outcome being decided
 * @param late the outcome reached the outputs after the part's deadline (a stalled host)
 * @param classes detected rectangles per class label
 * @param contextJson PEKAT's context as received, or null
 * @param error why there is no verdict, or null
 * @param chunks the frame's chunk values by {@code chunks:} entry (Long or Double), empty when the
 *     camera has none configured or the frame lacked them
 * @param partId the part id a PLC wrote for this frame, or null
 * @param analyzer the PEKAT instance ({@code host:port}) that answered, or null (no answer, a
 *     timeout)
 */
public record PartOutcome(
    String camera,
    long sequence,
    long frameId,
    Outcome outcome,
    Outcome decision,
    int defects,
    long filledEpochNanos,
    long latencyNanos,
    boolean late,
    Map<String, Integer> classes,
    String contextJson,
    String error,
    Map<String, Number> chunks,
    String partId,
    String analyzer) {

  /** Freezes nothing: {@code chunks} comes frozen from the chunk reader; null means none. */
  public PartOutcome {
    chunks = chunks == null ? Map.of() : chunks;
  }
}
