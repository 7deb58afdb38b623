package io.camerabridge.service;

import io.camerabridge.ops.CameraHealth;
import io.camerabridge.ops.CameraState;
import io.camerabridge.ops.FrameFlowCheck;
import io.camerabridge.ops.HealthSource;
import io.camerabridge.pekat.netty.ClientResources;
import io.camerabridge.pipeline.CameraPipeline;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The systemd watchdog's health check: passes while the service's own machinery runs — the Netty
 * event loop executes tasks, every camera's control thread is not wedged, and every camera the
 * pipeline reports as streaming really delivers frames (or waits for its trigger).
 *
 * <p>A missing or reconnecting camera does not fail it on purpose: a process restart cannot bring a
 * camera back, the pipeline already retries for ever, and {@code /health} and STATUS show it.
 * Restarting would only drop the other cameras' frames. A camera that claims to stream but has
 * delivered nothing for {@link CameraHealth#WATCHDOG_FRAME_SILENCE_LIMIT} does: its own frame
 * watchdog should have reopened it long before, so the frame path is wedged.
 */
final class LivenessCheck implements BooleanSupplier {
  private static final Logger LOG = LoggerFactory.getLogger(LivenessCheck.class);

  /** Longer than the worst blocking camera call (tear-down of a dead GigE camera, ~10 s). */
  static final Duration MAX_CONTROL_SILENCE = Duration.ofSeconds(60);

  static final Duration MAX_EVENT_LOOP_SILENCE = Duration.ofSeconds(30);

  private final ClientResources client;
  private final List<CameraPipeline> pipelines;
  private final FrameFlowCheck streamingFrames;
  private final AtomicLong lastLoopNanos = new AtomicLong(System.nanoTime());

  LivenessCheck(ClientResources client, List<CameraPipeline> pipelines, HealthSource health) {
    this.client = client;
    this.pipelines = List.copyOf(pipelines);
    HealthSource streaming =
        () -> health.cameras().stream().filter(c -> c.state() == CameraState.STREAMING).toList();
    this.streamingFrames = new FrameFlowCheck(streaming, CameraHealth.WATCHDOG_FRAME_SILENCE_LIMIT);
  }

  @Override
  public boolean getAsBoolean() {
    try {
      client.eventLoopGroup().next().execute(() -> lastLoopNanos.set(System.nanoTime()));
    } catch (RuntimeException e) {
      LOG.warn("Watchdog: the event loop rejected a task: {}", e.toString());
      return false;
    }
    long now = System.nanoTime();
    if (now - lastLoopNanos.get() > MAX_EVENT_LOOP_SILENCE.toNanos()) {
      LOG.warn("Watchdog: the event loop has not run a task for {}", MAX_EVENT_LOOP_SILENCE);
      return false;
    }
    for (CameraPipeline p : pipelines) {
      if (p.controlSilenceNanos() > MAX_CONTROL_SILENCE.toNanos()) {
        LOG.warn("Watchdog: camera {} control thread is stuck", p.id());
        return false;
      }
    }
    if (!streamingFrames.getAsBoolean()) {
      LOG.warn("Watchdog: camera {} while streaming", streamingFrames.lastFailure());
      return false;
    }
    return true;
  }
}
