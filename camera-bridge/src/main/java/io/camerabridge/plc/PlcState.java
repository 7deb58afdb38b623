package io.camerabridge.plc;

import io.camerabridge.outcome.Outcome;
import java.time.Instant;

/**
 * One camera's values as the PLC sees them, an immutable snapshot.
 *
 * @param sequence the shown outcome's sequence (0 before the first outcome)
 * @param verdict the shown outcome, or null before the first
 * @param defects rectangles PEKAT detected in the shown outcome
 * @param frameId the shown outcome's camera frame id
 * @param timestamp when the shown outcome's buffer was filled, or null
 * @param resultValid a result is shown and not yet acknowledged
 * @param ack the PLC's acknowledgement as last written
 * @param cameraState the pipeline's state
 * @param fps frames acquired per second, recent
 * @param ok OK outcomes so far
 * @param ng NG outcomes so far
 * @param failed ERROR and TIMEOUT outcomes so far
 * @param dropped frames dropped before analysis so far
 * @param lastErrorCode code of the last ERROR (0 none)
 * @param partId the part id the PLC last wrote, or ""
 * @param recipe the recipe in use (0 = the camera's own {@code pekat.url})
 */
public record PlcState(
    long sequence,
    Outcome verdict,
    int defects,
    long frameId,
    Instant timestamp,
    boolean resultValid,
    boolean ack,
    CameraState cameraState,
    double fps,
    long ok,
    long ng,
    long failed,
    long dropped,
    int lastErrorCode,
    String partId,
    int recipe) {

  /** A camera's pipeline state, with the codes of the Modbus map. */
  public enum CameraState {
    STARTING(1),
    STREAMING(2),
    RECONNECTING(3),
    STOPPED(4);

    private final int code;

    CameraState(int code) {
      this.code = code;
    }

    /** The Modbus State register value. */
    public int code() {
      return code;
    }
  }

  /** The code of the Modbus VerdictCode register and OPC UA VerdictCode node (0 = none). */
  public int verdictCode() {
    if (verdict == null) {
      return 0;
    }
    return switch (verdict) {
      case OK -> 1;
      case NG -> 2;
      case TIMEOUT -> 3;
      case ERROR -> 4;
    };
  }
}
