package io.camerabridge.tools.bench;

import java.time.Duration;
import java.util.List;

/**
 * What {@code bench e2e --analyzers K} measured.
 *
 * @param busyWait the camera's effective {@code pekat.busyWait}
 * @param window the pipeline's counts over the throughput window (before any kill)
 * @param perInstance frames each instance analysed in that window, in configuration order
 * @param failover empty unless {@code --kill-analyzer-after} was given
 */
record PoolResult(
    E2eSettings settings,
    PoolSettings pool,
    String analyzers,
    Duration busyWait,
    E2eResult.Counts window,
    List<InstanceRate> perInstance,
    Failover failover,
    MachineInfo machine,
    String loadAtEnd) {

  record InstanceRate(String analyzer, long analysed, double perSecond) {}

  /**
   * One instance killed and restarted.
   *
   * @param inFlightAtKill requests the killed instance had in flight just before it died
   * @param failedAtDead frames that failed at the killed instance (reset, refused) until it was
   *     re-admitted: the frames lost to the kill
   * @param lostByPool the pool's count of frames whose instance failed and that were not re-sent
   * @param failedOverall frames that ended as a failure anywhere meanwhile
   * @param survivorPerSecond frames/s the surviving instance(s) analysed while it was dead
   * @param pingToReadyMillis from the restarted instance answering {@code /ping} to its
   *     re-admission after the warm-up frame; negative if it was not re-admitted in time
   */
  record Failover(
      String killed,
      int inFlightAtKill,
      long failedAtDead,
      long lostByPool,
      long failedOverall,
      double survivorPerSecond,
      double outageSeconds,
      long pingToReadyMillis) {}

  double totalPerSecond() {
    return window.analyzed() / window.seconds();
  }

  double target() {
    return pool.targetPerSecond(settings.fps());
  }
}
