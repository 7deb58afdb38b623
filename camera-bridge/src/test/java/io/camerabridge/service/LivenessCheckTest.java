package io.camerabridge.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.camerabridge.ops.CameraHealth;
import io.camerabridge.ops.CameraState;
import io.camerabridge.pekat.netty.ClientResources;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The systemd watchdog's check, on a real event loop and a health source the test controls. */
class LivenessCheckTest {
  private final AtomicReference<CameraHealth> camera = new AtomicReference<>();
  private ClientResources client;
  private LivenessCheck check;

  @BeforeEach
  void start() {
    client = ClientResources.create(1);
    check = new LivenessCheck(client, List.of(), () -> List.of(camera.get()));
  }

  @AfterEach
  void stop() {
    client.close();
  }

  private static CameraHealth camera(CameraState state, double lastFrameAgeSeconds) {
    return new CameraHealth("top", true, state, lastFrameAgeSeconds, true, false);
  }

  @Test
  void passesWhileTheStreamingCameraDeliversFrames() {
    camera.set(camera(CameraState.STREAMING, 0.1));

    assertThat(check.getAsBoolean()).isTrue();
  }

  @Test
  void failsWhenAStreamingCameraHasDeliveredNothingForTooLong() {
    double silence =
        io.camerabridge.ops.CameraHealth.WATCHDOG_FRAME_SILENCE_LIMIT.toSeconds() + 1.0;
    camera.set(camera(CameraState.STREAMING, silence));

    assertThat(check.getAsBoolean()).isFalse();
  }

  @Test
  void aReconnectingCameraIsNoReasonForARestart() {
    double silence =
        io.camerabridge.ops.CameraHealth.WATCHDOG_FRAME_SILENCE_LIMIT.toSeconds() + 1.0;
    camera.set(camera(CameraState.RECONNECTING, silence));

    assertThat(check.getAsBoolean()).isTrue();
  }

  @Test
  void aCameraWaitingForItsTriggerIsHealthy() {
    double silence =
        io.camerabridge.ops.CameraHealth.WATCHDOG_FRAME_SILENCE_LIMIT.toSeconds() + 1.0;
    camera.set(new CameraHealth("top", true, CameraState.STREAMING, silence, true, true));

    assertThat(check.getAsBoolean()).isTrue();
  }
}
