package io.camerabridge.results;

import io.camerabridge.pekat.AnalysisResult.Verdict;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * What happened to one frame, as written to the journal: one record per frame handed to the
 * analyzer (dropped frames are counted in metrics, not journaled).
 *
 * @param camera the configured camera id
 * @param sequence the camera pipeline's frame number (1, 2, … since start, never reused across
 *     reconnects; a gap is the frames dropped before the analyzer)
 * @param frameId the camera's frame id (wraps; fake cameras start at 65400)
 * @param timestampNanos the buffer's device timestamp in nanoseconds
 * @param systemTimestampNanos host wall-clock time (ns since the epoch) of the leader packet
 * @param completedAt when the outcome was known
 * @param outcome the outcome name, e.g. {@code ok}, {@code http_error}, {@code timeout}
 * @param verdict OK / NG from the context, or NONE
 * @param timingsMillis named durations in milliseconds (insertion order kept)
 * @param contextJson PEKAT's context JSON text as received, or null when there was none
 * @param error a one-line description of a failure, or null
 * @param late the answer came after the part's verdict deadline: the outputs were told the timeout,
 *     not this verdict
 * @param chunks the frame's chunk values by {@code chunks:} entry (Long or Double), empty when none
 * @param partId the part id a PLC wrote for this frame, or null
 * @param analyzer the analyzer instance ({@code host:port}) that gave the outcome, or null
 */
public record FrameRecord(
    String camera,
    long sequence,
    long frameId,
    long timestampNanos,
    long systemTimestampNanos,
    Instant completedAt,
    String outcome,
    Verdict verdict,
    Map<String, Double> timingsMillis,
    String contextJson,
    String error,
    boolean late,
    Map<String, Number> chunks,
    String partId,
    String analyzer) {

  public FrameRecord {
    Objects.requireNonNull(camera, "camera");
    Objects.requireNonNull(completedAt, "completedAt");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(verdict, "verdict");
    timingsMillis = timingsMillis == null ? Map.of() : timingsMillis;
    chunks = chunks == null ? Map.of() : chunks;
  }
}
