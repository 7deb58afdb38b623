package io.camerabridge.metrics;

/**
 * Tag keys used by {@link BridgeMeter}. Every value comes from a bounded set: camera ids from the
 * configuration, or the constants of {@link ExchangeOutcome}, {@link DropReason}, {@link
 * WriteTarget} and Aravis's buffer statuses. Frame ids, URLs and API keys are never tags.
 */
public final class MeterTags {
  /** The camera's id as configured (stable, not discovery order). */
  public static final String CAMERA = "camera";

  /** How an exchange with the analyzer ended: an {@link ExchangeOutcome} tag value. */
  public static final String OUTCOME = "outcome";

  /** Why a frame was not sent (a {@link DropReason} tag value), or why a PLC connection closed. */
  public static final String REASON = "reason";

  /** Aravis's buffer status of an incomplete frame, e.g. {@code missing_packets}. */
  public static final String STATUS = "status";

  /** A GenICam feature name from the camera's {@code diagnostics:} list (bounded by the config). */
  public static final String FEATURE = "feature";

  /** What could not be written: a {@link WriteTarget} tag value. */
  public static final String TARGET = "target";

  /** A part's outcome as the outputs see it: ok, ng, timeout or error. */
  public static final String VERDICT = "verdict";

  /** An output's configured name (bounded: from the configuration). */
  public static final String OUTPUT = "output";

  /**
   * How an action ended: fired, failed or dropped for an output; accepted or refused for a PLC's
   * login, write or call.
   */
  public static final String RESULT = "result";

  /** An OPC UA variable or Modbus value a PLC writes (bounded: Ack, Trigger, PartId, Recipe). */
  public static final String NODE = "node";

  /** A Modbus function (bounded: the six the server serves, or {@code other}). */
  public static final String FUNCTION = "function";

  private MeterTags() {}
}
