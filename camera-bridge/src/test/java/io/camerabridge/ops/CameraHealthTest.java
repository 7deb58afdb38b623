package io.camerabridge.ops;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What the watchdog gauge reports: only a streaming, free-running camera's silence counts. */
class CameraHealthTest {

  @Test
  void watchdogSilenceIsTheFrameAgeOfAStreamingFreeRunningCamera() {
    assertThat(health(true, CameraState.STREAMING, 12.5, false).watchdogFrameSilenceSeconds())
        .isEqualTo(12.5);
  }

  @Test
  void watchdogSilenceIsZeroWhereTheWatchdogDoesNotLook() {
    assertThat(health(true, CameraState.RECONNECTING, 40, false).watchdogFrameSilenceSeconds())
        .as("reconnecting: the pipeline is already on it")
        .isZero();
    assertThat(health(true, CameraState.STREAMING, 40, true).watchdogFrameSilenceSeconds())
        .as("hardware-triggered: waiting is normal")
        .isZero();
    assertThat(health(true, CameraState.STREAMING, Double.NaN, false).watchdogFrameSilenceSeconds())
        .as("no frame yet")
        .isZero();
    assertThat(health(false, CameraState.STOPPED, 40, false).watchdogFrameSilenceSeconds())
        .as("disabled")
        .isZero();
  }

  private static CameraHealth health(
      boolean enabled, CameraState state, double age, boolean triggered) {
    return new CameraHealth("top", enabled, state, age, true, triggered);
  }
}
