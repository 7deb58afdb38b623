package io.camerabridge.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class NativeFramePoolTest {

  @Test
  void framesAreNativeAndComeBackOnlyAfterRelease() throws Exception {
    NativeFramePool pool = new NativeFramePool(1, 1024);
    NativeFramePool.PooledFrame frame = pool.lease(Duration.ofSeconds(1));

    assertThat(frame.memory().isDirect()).isTrue();
    assertThat(frame.memory().remaining()).isEqualTo(1024);
    assertThat(pool.leasedFrames()).isEqualTo(1);
    assertThatThrownBy(() -> pool.lease(Duration.ofMillis(10)))
        .isInstanceOf(BenchException.class)
        .hasMessageContaining("still holds 1 native frames");

    frame.run();

    assertThat(pool.leasedFrames()).isZero();
    assertThat(pool.lease(Duration.ofSeconds(1))).isSameAs(frame);
  }

  @Test
  void aSecondReleaseOfOneLeaseIsCaught() throws Exception {
    NativeFramePool pool = new NativeFramePool(2, 16);
    NativeFramePool.PooledFrame frame = pool.lease(Duration.ofSeconds(1));
    frame.release();

    assertThatThrownBy(frame::release).hasMessageContaining("released twice");
    assertThat(pool.leasedFrames()).isZero();
  }
}
