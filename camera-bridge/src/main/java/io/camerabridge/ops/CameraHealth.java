package io.camerabridge.ops;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One camera's health at a moment: what {@code /health} reports and the watchdog's default check
 * reads. Holds nothing secret (no URLs, no keys).
 *
 * @param cameraId the camera's id from the configuration
 * @param enabled whether the configuration enables this camera; disabled cameras never make the
 *     service unhealthy
 * @param state the pipeline's state
 * @param lastFrameAgeSeconds seconds since the last frame was popped, or {@code NaN} before the
 *     first frame
 * @param analyzerReachable whether the analyzer answered the last exchange or probe
 * @param triggered whether acquisition waits for an external trigger, so that a long silence is
 *     expected and not a fault
 * @param ptpStatus the camera's PTP (IEEE 1588) state as it reports it ({@code PtpStatus} or {@code
 *     GevIEEE1588Status}, e.g. {@code Slave}); null when the camera has none or it was not read
 * @param error what the camera refused at the last open while {@link CameraState#MISCONFIGURED}
 *     (the camera id and Aravis's or camera-bridge's message), else null
 * @param unanalysedSeconds how long frames have been arriving without any getting a verdict (OK or
 *     NG); 0 while frames are being analysed or none arrive
 * @param analyzers each analyzer instance ({@code host:port}) and its state (ready, warming, down),
 *     in configuration order; empty when not known
 * @param outputs each output's health, in configuration order; a failing one makes the camera
 *     unhealthy (the line or the MES is not told)
 * @param records the journal's and the NG images' health ({@code journal}, {@code ngImages}) when
 *     configured; a failing one makes the camera unhealthy (the evidence is lost)
 */
public record CameraHealth(
    String cameraId,
    boolean enabled,
    CameraState state,
    double lastFrameAgeSeconds,
    boolean analyzerReachable,
    boolean triggered,
    String ptpStatus,
    String error,
    double unanalysedSeconds,
    Map<String, String> analyzers,
    List<OutputHealth> outputs,
    List<OutputHealth> records) {

  /**
   * Frames arriving for this long without a single verdict make the camera unhealthy: it is
   * acquired but not inspected (every answer 401, a hung analyzer, every instance down).
   */
  public static final double ANALYSIS_STALL_SECONDS = 10;

  /** A camera without PTP status. */
  public CameraHealth(
      String cameraId,
      boolean enabled,
      CameraState state,
      double lastFrameAgeSeconds,
      boolean analyzerReachable,
      boolean triggered) {
    this(cameraId, enabled, state, lastFrameAgeSeconds, analyzerReachable, triggered, null);
  }

  /** A camera without an open error, analysis progress or instances (tests, tools). */
  public CameraHealth(
      String cameraId,
      boolean enabled,
      CameraState state,
      double lastFrameAgeSeconds,
      boolean analyzerReachable,
      boolean triggered,
      String ptpStatus) {
    this(
        cameraId,
        enabled,
        state,
        lastFrameAgeSeconds,
        analyzerReachable,
        triggered,
        ptpStatus,
        null,
        0,
        Map.of(),
        List.of(),
        List.of());
  }

  /**
   * How long a camera that reports streaming may go without a frame before the systemd watchdog
   * restarts the service. Far beyond any camera's own frame watchdog ({@code frameTimeout}), which
   * reopens a silent camera within seconds, so reaching it means the frame path is wedged. The one
   * number: {@code docs/operations.md}, the metric's description and the alert rule say the same
   * ({@code WatchdogLimitAgreesTest}).
   */
  public static final Duration WATCHDOG_FRAME_SILENCE_LIMIT = Duration.ofSeconds(30);

  public CameraHealth {
    Objects.requireNonNull(cameraId, "cameraId");
    Objects.requireNonNull(state, "state");
    analyzers =
        analyzers == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(analyzers));
    outputs = outputs == null ? List.of() : List.copyOf(outputs);
    records = records == null ? List.of() : List.copyOf(records);
  }

  /**
   * Whether this camera lets the service count as healthy: disabled, or streaming with its frames
   * being analysed and every output delivering.
   */
  public boolean healthy() {
    return !enabled
        || (state == CameraState.STREAMING && !analysisStalled() && failingOutputs().isEmpty());
  }

  /**
   * Outputs, the journal and NG images that have not been written for {@link
   * OutputHealth#FAILING_SECONDS} or more.
   */
  public List<OutputHealth> failingOutputs() {
    return java.util.stream.Stream.concat(outputs.stream(), records.stream())
        .filter(OutputHealth::failing)
        .toList();
  }

  /** Frames arrive but none got a verdict for {@link #ANALYSIS_STALL_SECONDS} or more. */
  public boolean analysisStalled() {
    return unanalysedSeconds >= ANALYSIS_STALL_SECONDS;
  }

  /**
   * Seconds the systemd watchdog counts this camera as silent: the last frame's age while it
   * streams free-running or software-triggered (camera-bridge fires those triggers itself), else 0
   * — a camera that is reconnecting, has not delivered its first frame yet or waits for an external
   * trigger ({@link #triggered()}) is not the watchdog's concern.
   */
  public double watchdogFrameSilenceSeconds() {
    boolean watched = enabled && state == CameraState.STREAMING && !triggered && hasFrame();
    return watched ? lastFrameAgeSeconds : 0;
  }

  /** Whether a frame has been popped at all. */
  public boolean hasFrame() {
    return !Double.isNaN(lastFrameAgeSeconds);
  }
}
