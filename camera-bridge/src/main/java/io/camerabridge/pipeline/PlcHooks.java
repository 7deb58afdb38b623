package io.camerabridge.pipeline;

import io.camerabridge.config.CameraConfig;
import io.camerabridge.config.TriggerMode;
import io.camerabridge.ops.CameraState;
import io.camerabridge.ops.logging.RateLimitedLog;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;
import org.slf4j.LoggerFactory;

/**
 * What a PLC may do with one camera, for the PLC core (through the service): fire a software
 * trigger for {@code trigger.mode: plc}, on the camera's control thread and never the frame thread;
 * give the next acquired frame its part id; read the counts it shows.
 */
public final class PlcHooks {
  private final CameraConfig config;
  private final PipelineParts parts;
  private final Executor control;
  private final Supplier<CameraSession> session;
  private final Supplier<CameraState> state;
  private final RateLimitedLog failures =
      new RateLimitedLog(LoggerFactory.getLogger(PlcHooks.class), Duration.ofMinutes(1));

  PlcHooks(
      CameraConfig config,
      PipelineParts parts,
      Executor control,
      Supplier<CameraSession> session,
      Supplier<CameraState> state) {
    this.config = config;
    this.parts = parts;
    this.control = control;
    this.session = session;
    this.state = state;
  }

  /**
   * Queues one software trigger on the control thread; returns at once.
   *
   * @return false when the camera is not {@code trigger.mode: plc} or not streaming
   */
  public boolean trigger() {
    if (config.trigger().mode() != TriggerMode.PLC || state.get() != CameraState.STREAMING) {
      return false;
    }
    try {
      control.execute(this::fire);
      return true;
    } catch (RejectedExecutionException e) {
      // Stopping.
      return false;
    }
  }

  private void fire() {
    CameraSession s = session.get();
    if (s == null) {
      return;
    }
    try {
      s.softwareTrigger();
    } catch (RuntimeException e) {
      // A lost camera fails here too; the watchdog decides when it is gone.
      failures.warn(
          config.id() + "/plc-trigger",
          "Camera {}: PLC trigger failed: {}",
          config.id(),
          e.getMessage());
    }
  }

  /** The part id for the next acquired frame; empty or null clears a pending one. */
  public void nextPartId(String partId) {
    parts.nextPartId(partId == null || partId.isEmpty() ? null : partId);
  }

  /** The pipeline's state now. */
  public CameraState state() {
    return state.get();
  }

  /** Frames acquired since start, complete or not. */
  public long acquired() {
    return parts.stats().acquired.sum();
  }

  /** Frames dropped before analysis since start. */
  public long dropped() {
    return parts.stats().dropped.sum();
  }
}
