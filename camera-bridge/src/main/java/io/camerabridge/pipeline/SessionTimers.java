package io.camerabridge.pipeline;

import io.camerabridge.config.CameraConfig;
import io.camerabridge.config.TriggerMode;
import io.camerabridge.genicam.FeatureDiagnostics;
import io.camerabridge.ops.logging.RateLimitedLog;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import org.slf4j.LoggerFactory;

/**
 * The periodic tasks of one streaming session, on the camera's control thread: the check that tells
 * a lost camera (frame watchdog, or a register probe when frames may legitimately pause), the
 * software trigger, and the diagnostics poll. Not thread-safe: started and cancelled on the control
 * thread only.
 */
final class SessionTimers {
  private static final Duration WATCHDOG_PERIOD = Duration.ofMillis(250);
  private static final Duration PROBE_PERIOD = Duration.ofSeconds(1);

  private final CameraConfig config;
  private final ScheduledExecutorService control;
  private final AtomicLong lastFrameNanos;
  private final BiConsumer<CameraSession, String> lose;
  private final FeatureDiagnostics diagnostics;
  private final RateLimitedLog triggerFailures =
      new RateLimitedLog(LoggerFactory.getLogger(SessionTimers.class), Duration.ofMinutes(1));
  private final RateLimitedLog diagnosticsFailures =
      new RateLimitedLog(LoggerFactory.getLogger(SessionTimers.class), Duration.ofMinutes(1));
  private ScheduledFuture<?> watchdog;
  private ScheduledFuture<?> trigger;
  private ScheduledFuture<?> diagnosticsPoll;
  private int probeFailures;

  /**
   * @param lastFrameNanos when the last complete frame arrived ({@link System#nanoTime})
   * @param lose called on the control thread with the session and why it is considered lost
   */
  SessionTimers(
      CameraConfig config,
      ScheduledExecutorService control,
      AtomicLong lastFrameNanos,
      BiConsumer<CameraSession, String> lose,
      FeatureDiagnostics diagnostics) {
    this.config = config;
    this.diagnostics = diagnostics;
    this.control = control;
    this.lastFrameNanos = lastFrameNanos;
    this.lose = lose;
  }

  /** Starts watching {@code s} (and triggering it, when so configured). */
  void start(CameraSession s) {
    cancel();
    probeFailures = 0;
    Optional<Duration> frameTimeout = config.frameWatchdog();
    if (frameTimeout.isPresent()) {
      watchdog = every(WATCHDOG_PERIOD.toNanos(), () -> checkFrames(s, frameTimeout.get()));
    } else {
      // Frames may legitimately pause (hardware trigger): ask the camera itself instead.
      watchdog = every(PROBE_PERIOD.toNanos(), () -> probeCamera(s));
    }
    if (config.trigger().mode() == TriggerMode.SOFTWARE && config.trigger().rate() != null) {
      long periodNanos = (long) (1e9 / config.trigger().rate());
      trigger =
          control.scheduleAtFixedRate(
              () -> fireTrigger(s), periodNanos, periodNanos, TimeUnit.NANOSECONDS);
    }
    startDiagnostics(s);
  }

  /**
   * Reads the diagnostics features and the PTP status at once, then every diagnosticsInterval. A
   * failed round is logged (rate-limited); finding a lost camera is the watchdog's job.
   */
  private void startDiagnostics(CameraSession s) {
    boolean[] prepared = {false};
    diagnosticsPoll =
        control.scheduleWithFixedDelay(
            () -> {
              try {
                if (!prepared[0]) {
                  prepared[0] = true;
                  diagnostics.prepare(s.camera().features());
                }
                if (diagnostics.hasWork()) {
                  diagnostics.poll(s.camera().features());
                }
              } catch (RuntimeException e) {
                diagnosticsFailures.warn(
                    config.id() + "/diagnostics",
                    "Camera {}: reading diagnostics failed: {}",
                    config.id(),
                    e.getMessage());
              }
            },
            0,
            config.diagnosticsInterval().toNanos(),
            TimeUnit.NANOSECONDS);
  }

  /** Stops every task of the current session; idempotent. */
  void cancel() {
    if (watchdog != null) {
      watchdog.cancel(false);
      watchdog = null;
    }
    if (trigger != null) {
      trigger.cancel(false);
      trigger = null;
    }
    if (diagnosticsPoll != null) {
      diagnosticsPoll.cancel(false);
      diagnosticsPoll = null;
    }
  }

  private ScheduledFuture<?> every(long periodNanos, Runnable task) {
    return control.scheduleWithFixedDelay(task, periodNanos, periodNanos, TimeUnit.NANOSECONDS);
  }

  private void checkFrames(CameraSession s, Duration timeout) {
    long age = System.nanoTime() - lastFrameNanos.get();
    if (age > timeout.toNanos()) {
      lose.accept(s, "no complete frame for " + Duration.ofNanos(age).toMillis() + " ms");
    }
  }

  /**
   * A register read tells whether the camera still answers: two failed reads in a row mean it is
   * gone (Aravis's control-lost may come late or never).
   */
  private void probeCamera(CameraSession s) {
    try {
      s.camera().payloadSize();
      probeFailures = 0;
    } catch (RuntimeException e) {
      if (++probeFailures >= 2) {
        probeFailures = 0;
        lose.accept(s, "the camera does not answer (" + e.getMessage() + ")");
      }
    }
  }

  private void fireTrigger(CameraSession s) {
    try {
      s.softwareTrigger();
    } catch (RuntimeException e) {
      // A lost camera fails here too; the frame watchdog decides when it is gone.
      triggerFailures.warn(
          config.id() + "/trigger",
          "Camera {}: software trigger failed: {}",
          config.id(),
          e.getMessage());
    }
  }
}
