package io.camerabridge.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.camerabridge.metrics.DropReason;
import io.camerabridge.pekat.RawLayout;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;

class FrameConverterTest {
  private final LongAdder copies = new LongAdder();
  private final AtomicInteger givenBack = new AtomicInteger();

  @Test
  void packedBayerFrameIsSentZeroCopyAndKeepsItsGiveBack() {
    FrameConverter converter = new FrameConverter("cam", false, 1, copies);
    ByteBuffer camera = filled(4 * 3 + 7); // trailing bytes after the image are not sent
    FrameConverter.Converted c = convert(converter, camera, 4, 3, "BayerRG8", 0);

    FrameView view = c.view();
    assertThat(c.drop()).isNull();
    assertThat(view.layout()).isEqualTo(RawLayout.BAYER_RG8);
    assertThat(view.pixels().remaining()).isEqualTo(12);
    assertThat(view.pixels().get(5)).isEqualTo(camera.get(5));
    // Same memory: a write through the camera buffer shows in the view.
    camera.put(5, (byte) 99);
    assertThat(view.pixels().get(5)).isEqualTo((byte) 99);
    assertThat(givenBack).hasValue(0);
    view.giveBack().run();
    assertThat(givenBack).hasValue(1);
    assertThat(copies.sum()).isZero();
  }

  @Test
  void paddedRowsAreCompactedIntoACountedCopyAndTheCameraBufferGoesBackAtOnce() {
    FrameConverter converter = new FrameConverter("cam", false, 1, copies);
    int width = 4;
    int padding = 2;
    ByteBuffer camera = ByteBuffer.allocateDirect((width + padding) * 3);
    for (int y = 0; y < 3; y++) {
      for (int x = 0; x < width + padding; x++) {
        camera.put(y * (width + padding) + x, (byte) (x < width ? 10 * y + x : -1));
      }
    }
    FrameConverter.Converted c = convert(converter, camera, width, 3, "Mono8", padding);

    assertThat(givenBack).hasValue(1);
    assertThat(copies.sum()).isEqualTo(1);
    ByteBuffer pixels = c.view().pixels();
    assertThat(pixels.remaining()).isEqualTo(12);
    for (int i = 0; i < 12; i++) {
      assertThat(pixels.get(i)).isEqualTo((byte) (10 * (i / width) + i % width));
    }
  }

  @Test
  void rgbIsSwappedToBgrOnlyWhenConfigured() {
    ByteBuffer rgb = ByteBuffer.allocateDirect(6).put(new byte[] {1, 2, 3, 4, 5, 6}).flip();

    FrameConverter refusing = new FrameConverter("cam", false, 1, copies);
    FrameConverter.Converted refused = convert(refusing, rgb, 2, 1, "RGB8", 0);
    assertThat(refused.drop()).isEqualTo(DropReason.CONVERSION_IMPOSSIBLE);
    assertThat(givenBack).hasValue(1);

    FrameConverter swapping = new FrameConverter("cam", true, 1, copies);
    FrameConverter.Converted swapped = convert(swapping, rgb, 2, 1, "RGB8", 0);
    byte[] out = new byte[6];
    swapped.view().pixels().get(out);
    assertThat(out).containsExactly(3, 2, 1, 6, 5, 4);
    assertThat(swapped.view().layout()).isEqualTo(RawLayout.BGR8);
  }

  @Test
  void copiesNeverOutgrowThePoolAndAnExhaustedPoolDropsAsBusy() {
    FrameConverter converter = new FrameConverter("cam", true, 1, copies);
    ByteBuffer rgb = filled(6);
    FrameView first = convert(converter, rgb, 2, 1, "RGB8", 0).view();
    FrameView second = convert(converter, rgb, 2, 1, "RGB8", 0).view();
    FrameConverter.Converted third = convert(converter, rgb, 2, 1, "RGB8", 0);
    assertThat(third.drop()).isEqualTo(DropReason.ANALYZER_BUSY);
    assertThat(givenBack).hasValue(3);

    first.giveBack().run();
    assertThat(convert(converter, rgb, 2, 1, "RGB8", 0).view().pixels()).isSameAs(first.pixels());
    second.giveBack().run();
  }

  @Test
  void unsupportedOrShortFramesAreDroppedAndGivenBack() {
    FrameConverter converter = new FrameConverter("cam", false, 1, copies);
    assertThat(convert(converter, filled(8), 4, 2, "Mono16", 0).drop())
        .isEqualTo(DropReason.CONVERSION_IMPOSSIBLE);
    assertThat(convert(converter, filled(7), 4, 2, "Mono8", 0).drop())
        .isEqualTo(DropReason.CONVERSION_IMPOSSIBLE);
    assertThat(givenBack).hasValue(2);
  }

  private FrameConverter.Converted convert(
      FrameConverter converter, ByteBuffer data, int w, int h, String format, int padding) {
    return converter.convert(data, w, h, format, padding, 7, 1, 2, givenBack::incrementAndGet);
  }

  private static ByteBuffer filled(int size) {
    ByteBuffer b = ByteBuffer.allocateDirect(size);
    for (int i = 0; i < size; i++) {
      b.put(i, (byte) i);
    }
    return b;
  }
}
