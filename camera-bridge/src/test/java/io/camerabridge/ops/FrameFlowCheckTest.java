package io.camerabridge.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class FrameFlowCheckTest {

  private final List<CameraHealth> cameras = new CopyOnWriteArrayList<>();
  private final AtomicLong clock = new AtomicLong();
  private final FrameFlowCheck check =
      new FrameFlowCheck(() -> List.copyOf(cameras), Duration.ofSeconds(5), clock::get);

  @Test
  void passesWhileFramesAreRecent() {
    cameras.add(streaming("top", 0.2));
    assertThat(check.getAsBoolean()).isTrue();
    assertThat(check.lastFailure()).isEmpty();
  }

  @Test
  void failsWhenFramesStop() {
    cameras.add(streaming("top", 6.5));
    assertThat(check.getAsBoolean()).isFalse();
    assertThat(check.lastFailure()).isEqualTo("top: no frame for 6.5s");
  }

  @Test
  void triggeredCameraMayStaySilent() {
    cameras.add(new CameraHealth("top", true, CameraState.STREAMING, 3600, true, true));
    assertThat(check.getAsBoolean()).isTrue();
  }

  @Test
  void reconnectingCameraFailsAndDisabledCameraIsIgnored() {
    cameras.add(new CameraHealth("off", false, CameraState.STOPPED, Double.NaN, false, false));
    assertThat(check.getAsBoolean()).isTrue();
    cameras.add(new CameraHealth("top", true, CameraState.RECONNECTING, 9, false, false));
    assertThat(check.getAsBoolean()).isFalse();
    assertThat(check.lastFailure()).isEqualTo("top: reconnecting");
  }

  @Test
  void newCameraGetsTheMaximumAgeForItsFirstFrame() {
    cameras.add(streaming("top", Double.NaN));
    assertThat(check.getAsBoolean()).isTrue();
    clock.addAndGet(Duration.ofSeconds(5).toNanos());
    assertThat(check.getAsBoolean()).isTrue();
    clock.addAndGet(1);
    assertThat(check.getAsBoolean()).isFalse();
    assertThat(check.lastFailure()).isEqualTo("top: no first frame yet");
  }

  private static CameraHealth streaming(String id, double age) {
    return new CameraHealth(id, true, CameraState.STREAMING, age, true, false);
  }
}
