package io.camerabridge.pipeline;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes one camera's lost sessions on its teardown thread ({@code camera-<id>-teardown}), one
 * after the other, while the control thread already reopens the camera: closing a dead GigE camera
 * blocks ~10 s on GVCP time-outs. The thread ends when idle.
 */
final class LostSessions {
  private static final Logger LOG = LoggerFactory.getLogger(CameraPipeline.class);

  private final String cameraId;
  private final ExecutorService teardown;

  LostSessions(String cameraId) {
    this.cameraId = cameraId;
    this.teardown =
        new ThreadPoolExecutor(
            0,
            1,
            10,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            r -> {
              Thread t = new Thread(r, "camera-" + cameraId + "-teardown");
              t.setDaemon(true);
              return t;
            });
  }

  /** Queues {@code s} for closing; returns at once. */
  void close(CameraSession s) {
    teardown.execute(() -> closeNow(s));
  }

  private void closeNow(CameraSession s) {
    long start = System.nanoTime();
    try {
      s.close();
    } catch (RuntimeException e) {
      LOG.warn("Camera {}: closing the lost session failed: {}", cameraId, e.toString());
    }
    LOG.debug(
        "Camera {}: lost session closed in {} ms",
        cameraId,
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
  }

  /** Lost sessions still closing (a dead camera's time-outs) get up to {@code timeout} to end. */
  void await(Duration timeout) {
    teardown.shutdown();
    try {
      if (!teardown.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        LOG.warn(
            "Camera {}: a lost session was still closing after {}; going on", cameraId, timeout);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
