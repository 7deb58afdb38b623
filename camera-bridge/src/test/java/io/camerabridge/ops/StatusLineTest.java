package io.camerabridge.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class StatusLineTest {

  @Test
  void summarisesEveryCameraOnOneLine() {
    String line =
        StatusLine.of(
            List.of(
                new CameraHealth("top", true, CameraState.STREAMING, 0.21, true, false),
                new CameraHealth("side", true, CameraState.RECONNECTING, 130, false, false),
                new CameraHealth("gate", true, CameraState.STREAMING, Double.NaN, true, true),
                new CameraHealth("spare", false, CameraState.STOPPED, Double.NaN, false, false)));

    assertThat(line)
        .isEqualTo(
            "top: streaming, last frame 0.2s ago, analyzer up; "
                + "side: reconnecting, last frame 2m ago, analyzer down; "
                + "gate: streaming (triggered), last frame never, analyzer up; "
                + "spare: disabled")
        .doesNotContain("\n");
  }

  @Test
  void agesAreShortAndHuman() {
    assertThat(StatusLine.age(42)).isEqualTo("42s ago");
    assertThat(StatusLine.age(3 * 3600)).isEqualTo("3h ago");
    assertThat(StatusLine.of(List.of())).isEqualTo("no cameras configured");
  }
}
