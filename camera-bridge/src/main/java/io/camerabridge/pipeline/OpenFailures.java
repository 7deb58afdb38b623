package io.camerabridge.pipeline;

import io.camerabridge.ops.logging.RateLimitedLog;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One camera's failed opens: how long to wait before the next attempt, what to log, and the
 * misconfiguration {@code /health} shows. Two kinds of failure wait differently. A camera that is
 * absent, busy or lost comes back by itself, so it is tried again soon (0.5 s doubling to 2 s) and
 * logged at most once a minute. A configuration the camera refuses comes back only when someone
 * edits the file or the camera, so it is tried again slowly (2 s doubling to 1 min) and logged once
 * per different message, never once per attempt. Used on the camera's control thread; {@link
 * #misconfiguration()} may be read from any thread.
 */
final class OpenFailures {
  private static final Logger LOG = LoggerFactory.getLogger(CameraPipeline.class);

  static final Duration ABSENT_INITIAL = Duration.ofMillis(500);
  // Short enough that a camera which comes back streams again within seconds: an attempt on an
  // absent GigE camera is one discovery (~1 s) on this camera's own thread.
  static final Duration ABSENT_MAX = Duration.ofSeconds(2);
  static final Duration MISCONFIGURED_INITIAL = Duration.ofSeconds(2);
  static final Duration MISCONFIGURED_MAX = Duration.ofMinutes(1);

  private final String cameraId;
  private final Backoff absent = new Backoff(ABSENT_INITIAL, ABSENT_MAX);
  private final Backoff misconfigured = new Backoff(MISCONFIGURED_INITIAL, MISCONFIGURED_MAX);
  private final RateLimitedLog absentLog = new RateLimitedLog(LOG, Duration.ofMinutes(1));
  private volatile String misconfiguration;

  OpenFailures(String cameraId) {
    this.cameraId = cameraId;
  }

  /** Records a failed open; returns the delay before the next attempt. */
  Duration failed(RuntimeException e) {
    if (CameraSetupException.isMisconfiguration(e)) {
      absent.reset();
      String message = e.getMessage();
      if (!message.equals(misconfiguration)) {
        LOG.error(
            "Camera {}: misconfigured, trying again every {} s at most until the file or the"
                + " camera is fixed: {}",
            cameraId,
            MISCONFIGURED_MAX.toSeconds(),
            message);
      }
      misconfiguration = message;
      return misconfigured.next();
    }
    if (misconfiguration != null) {
      LOG.info("Camera {}: no longer refuses the configuration ({})", cameraId, e.getMessage());
    }
    misconfiguration = null;
    misconfigured.reset();
    absentLog.warn(
        cameraId + "/open",
        "Camera {}: not available ({}); retrying every {} at most",
        cameraId,
        e.getMessage(),
        ABSENT_MAX);
    return absent.next();
  }

  /** The camera opened and took its configuration: the next failure starts the back-off afresh. */
  void succeeded() {
    if (misconfiguration != null) {
      LOG.info("Camera {}: the camera accepts the configuration now", cameraId);
    }
    misconfiguration = null;
    absent.reset();
    misconfigured.reset();
  }

  /** The delay before reopening a camera that was just lost. */
  Duration lost() {
    return absent.next();
  }

  /** The message of the configuration the camera refused at the last attempt, if it did. */
  Optional<String> misconfiguration() {
    return Optional.ofNullable(misconfiguration);
  }
}
