package io.camerabridge.ops;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * A health check for the watchdog: passes while every enabled camera streams and either delivered a
 * frame within {@code maxFrameAge} or waits for an external trigger. A camera that has just started
 * streaming gets {@code maxFrameAge} to deliver its first frame. Call from one thread (the
 * watchdog's).
 */
public final class FrameFlowCheck implements BooleanSupplier {

  private final HealthSource health;
  private final double maxFrameAgeSeconds;
  private final long maxFrameAgeNanos;
  private final LongSupplier nanoClock;

  /** When each camera was first seen streaming without a frame, for the first-frame grace. */
  private final Map<String, Long> waitingSince = new HashMap<>();

  private String lastFailure = "";

  public FrameFlowCheck(HealthSource health, Duration maxFrameAge) {
    this(health, maxFrameAge, System::nanoTime);
  }

  FrameFlowCheck(HealthSource health, Duration maxFrameAge, LongSupplier nanoClock) {
    if (maxFrameAge.isNegative() || maxFrameAge.isZero()) {
      throw new IllegalArgumentException("maxFrameAge must be positive, was " + maxFrameAge);
    }
    this.health = health;
    this.maxFrameAgeNanos = maxFrameAge.toNanos();
    this.maxFrameAgeSeconds = maxFrameAgeNanos / 1e9;
    this.nanoClock = nanoClock;
  }

  @Override
  public boolean getAsBoolean() {
    long now = nanoClock.getAsLong();
    List<CameraHealth> cameras = health.cameras();
    String failure = null;
    for (CameraHealth camera : cameras) {
      String problem = problem(camera, now);
      if (problem != null && failure == null) {
        failure = camera.cameraId() + ": " + problem;
      }
    }
    lastFailure = failure == null ? "" : failure;
    return failure == null;
  }

  /** Why the last check failed, e.g. {@code "top: no frame for 12.0s"}; empty if it passed. */
  public String lastFailure() {
    return lastFailure;
  }

  private String problem(CameraHealth camera, long now) {
    if (!camera.enabled()) {
      return null;
    }
    if (camera.state() != CameraState.STREAMING) {
      waitingSince.remove(camera.cameraId());
      return camera.state().label();
    }
    if (camera.triggered()) {
      return null;
    }
    if (!camera.hasFrame()) {
      long since = waitingSince.computeIfAbsent(camera.cameraId(), id -> now);
      return now - since <= maxFrameAgeNanos ? null : "no first frame yet";
    }
    waitingSince.remove(camera.cameraId());
    if (camera.lastFrameAgeSeconds() > maxFrameAgeSeconds) {
      return String.format(
          java.util.Locale.ROOT, "no frame for %.1fs", camera.lastFrameAgeSeconds());
    }
    return null;
  }
}
