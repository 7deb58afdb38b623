package io.camerabridge.tools.demo;

import io.camerabridge.pipeline.CameraPipeline;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Makes some demo frames "defective" through the real camera. Aravis's fake cameras draw a diagonal
 * ramp through a jet colour map, scaled by {@code 1 + log10(exposure / 10 ms)}; in a BayerRG8 frame
 * the brightest 8x8 cells then average about 150 at 2 ms and about 192 at 10 ms (measured). With
 * the simulator's defect threshold at {@link #THRESHOLD} between the two, frames taken at 2 ms are
 * OK and frames taken at 10 ms are NG. The exposure is switched on the camera while it streams, so
 * the frames, and not the analyzer, carry the defects.
 */
final class DefectInjector {
  /** The simulator's cell-mean threshold for a defect. */
  static final int THRESHOLD = 170;

  static final Duration BRIGHT = Duration.ofMillis(10);
  static final Duration DARK = Duration.ofMillis(2);

  private final CameraPipeline pipeline;
  private final AtomicLong ticks = new AtomicLong();

  DefectInjector(CameraPipeline pipeline) {
    this.pipeline = pipeline;
  }

  /** Every {@code period}: two periods good parts, one period defective ones. */
  void start(ScheduledExecutorService timer, Duration period) {
    timer.scheduleAtFixedRate(
        this::tick, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void tick() {
    Duration exposure = ticks.incrementAndGet() % 3 == 0 ? BRIGHT : DARK;
    // While the camera is (re)connecting there is nothing to change; the next tick tries again.
    pipeline.withCamera(camera -> camera.image().setExposure(exposure));
  }
}
