package io.camerabridge.metrics;

import java.util.concurrent.atomic.AtomicLong;

/** Camera gauges over plain fields, as a pipeline would expose them. */
final class MetricsFixtures {

  static final class Camera {
    final AtomicLong inFlight = new AtomicLong();
    final AtomicLong freeBuffers = new AtomicLong();
    volatile boolean connected;
    volatile double lastFrameAge = Double.NaN;
    volatile boolean analyzerReachable;
    volatile StreamStatistics statistics = StreamStatistics.NONE;
    final AtomicLong statisticsReads = new AtomicLong();
    final AtomicLong framesCopied = new AtomicLong();
    final AtomicLong analyzerRetries = new AtomicLong();

    CameraGauges gauges() {
      return new CameraGauges(
          inFlight::get,
          freeBuffers::get,
          () -> connected,
          () -> lastFrameAge,
          () -> analyzerReachable,
          () -> {
            statisticsReads.incrementAndGet();
            return statistics;
          },
          framesCopied::get,
          analyzerRetries::get);
    }
  }

  static CameraGauges gauges() {
    return new Camera().gauges();
  }

  private MetricsFixtures() {}
}
