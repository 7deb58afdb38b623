package io.camerabridge.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.camerabridge.bindings.aravis.PixelFormat;
import io.camerabridge.config.PixelFormatChoice;
import io.camerabridge.frame.FrameInfo;
import io.camerabridge.frame.FrameLease;
import io.camerabridge.frame.FrameLeases;
import io.camerabridge.metrics.DropReason;
import io.camerabridge.pekat.RawLayout;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;

class FrameConverterTest {
  private final LongAdder copies = new LongAdder();
  private final AtomicInteger givenBack = new AtomicInteger();
  private final FrameLeases leases = new FrameLeases();

  @Test
  void packedBayerFrameIsLeasedZeroCopyAndKeepsItsGiveBack() {
    FrameConverter converter = converter("BayerRG8", false);
    ByteBuffer camera = filled(4 * 3 + 7); // trailing bytes after the image are not sent
    FrameConverter.Converted c = convert(converter, camera, 4, 3, PixelFormat.BAYER_RG8, 0);

    FrameLease lease = c.lease();
    assertThat(c.drop()).isNull();
    assertThat(lease.layout()).isEqualTo(RawLayout.BAYER_RG8);
    assertThat(lease.readableBytes()).isEqualTo(12);
    assertThat(lease.getByte(5)).isEqualTo(camera.get(5));
    // Same memory: a write through the camera buffer shows in the lease.
    camera.put(5, (byte) 99);
    assertThat(lease.getByte(5)).isEqualTo((byte) 99);
    assertThat(lease.sequence()).isEqualTo(1);
    assertThat(givenBack).hasValue(0);
    lease.release();
    assertThat(givenBack).hasValue(1);
    assertThat(copies.sum()).isZero();
    assertThat(leases.outstanding()).isZero();
  }

  @Test
  void paddedRowsAsTheLeaderReportsThemAreCompactedIntoACountedCopy() {
    FrameConverter converter = converter("Mono8", false);
    int width = 4;
    int padding = 2;
    ByteBuffer camera = ByteBuffer.allocateDirect((width + padding) * 3 + 5);
    for (int y = 0; y < 3; y++) {
      for (int x = 0; x < width + padding; x++) {
        camera.put(y * (width + padding) + x, (byte) (x < width ? 10 * y + x : -1));
      }
    }
    FrameConverter.Converted c = convert(converter, camera, width, 3, PixelFormat.MONO8, padding);

    assertThat(givenBack).as("the camera buffer goes back at once").hasValue(1);
    assertThat(copies.sum()).isEqualTo(1);
    FrameLease pixels = c.lease();
    assertThat(pixels.readableBytes()).isEqualTo(12);
    for (int i = 0; i < 12; i++) {
      assertThat(pixels.getByte(i)).isEqualTo((byte) (10 * (i / width) + i % width));
    }
    pixels.release();
  }

  @Test
  void trailingBytesWithoutReportedPaddingAreNotTakenForPadding() {
    // 4x3 Mono8 plus 6 trailing bytes (e.g. chunk data): 2 per row would look like padding.
    FrameConverter converter = converter("Mono8", false);
    FrameConverter.Converted c = convert(converter, filled(18), 4, 3, PixelFormat.MONO8, 0);

    assertThat(copies.sum()).isZero();
    assertThat(c.lease().getByte(4)).isEqualTo((byte) 4);
    c.lease().release();
  }

  @Test
  void rgbIsSwappedToBgrOnlyWhenConfigured() {
    ByteBuffer rgb = ByteBuffer.allocateDirect(6).put(new byte[] {1, 2, 3, 4, 5, 6}).flip();

    FrameConverter refusing = converter("RGB8", false);
    FrameConverter.Converted refused = convert(refusing, rgb, 2, 1, PixelFormat.RGB8, 0);
    assertThat(refused.drop()).isEqualTo(DropReason.CONVERSION_IMPOSSIBLE);
    assertThat(givenBack).hasValue(1);

    FrameConverter swapping = converter("RGB8", true);
    FrameConverter.Converted swapped = convert(swapping, rgb, 2, 1, PixelFormat.RGB8, 0);
    byte[] out = new byte[6];
    swapped.lease().getBytes(0, out);
    assertThat(out).containsExactly(3, 2, 1, 6, 5, 4);
    assertThat(swapped.lease().layout()).isEqualTo(RawLayout.BGR8);
    swapped.lease().release();
  }

  @Test
  void copiesNeverOutgrowThePoolAndAnExhaustedPoolDropsAsBusy() {
    FrameConverter converter = converter("RGB8", true);
    ByteBuffer rgb = filled(6);
    FrameLease first = convert(converter, rgb, 2, 1, PixelFormat.RGB8, 0).lease();
    FrameLease second = convert(converter, rgb, 2, 1, PixelFormat.RGB8, 0).lease();
    FrameConverter.Converted third = convert(converter, rgb, 2, 1, PixelFormat.RGB8, 0);
    assertThat(third.drop()).isEqualTo(DropReason.ANALYZER_BUSY);
    assertThat(givenBack).hasValue(3);

    long firstAddress = first.memoryAddress();
    first.release();
    FrameLease reused = convert(converter, rgb, 2, 1, PixelFormat.RGB8, 0).lease();
    assertThat(reused.memoryAddress()).isEqualTo(firstAddress);
    reused.release();
    second.release();
    assertThat(leases.outstanding()).isZero();
  }

  @Test
  void framesInAnotherFormatOrShortFramesAreDroppedAndGivenBack() {
    FrameConverter converter = converter("Mono8", false);
    assertThat(convert(converter, filled(16), 4, 2, PixelFormat.MONO16, 0).drop())
        .isEqualTo(DropReason.CONVERSION_IMPOSSIBLE);
    assertThat(convert(converter, filled(7), 4, 2, PixelFormat.MONO8, 0).drop())
        .isEqualTo(DropReason.CONVERSION_IMPOSSIBLE);
    assertThat(givenBack).hasValue(2);
    assertThat(leases.wrappedTotal()).isZero();
  }

  @Test
  void packedGigeNamesMatchTheirPfncCodes() {
    FrameConverter converter = converter("BGR8Packed", false);
    FrameConverter.Converted c = convert(converter, filled(6), 2, 1, PixelFormat.BGR8, 0);
    assertThat(c.lease().layout()).isEqualTo(RawLayout.BGR8);
    c.lease().release();
  }

  private FrameConverter converter(String pixelFormat, boolean convertRgbToBgr) {
    return new FrameConverter(
        "cam", PixelFormatChoice.of(pixelFormat), convertRgbToBgr, 1, copies, leases);
  }

  private FrameConverter.Converted convert(
      FrameConverter converter, ByteBuffer data, int w, int h, PixelFormat format, int padding) {
    FrameInfo info = new FrameInfo("cam", leases.nextSequence(), 7, 1, 2, w, h, converter.layout());
    return converter.convert(info, data, format.code(), padding, givenBack::incrementAndGet);
  }

  private static ByteBuffer filled(int size) {
    ByteBuffer b = ByteBuffer.allocateDirect(size);
    for (int i = 0; i < size; i++) {
      b.put(i, (byte) i);
    }
    return b;
  }
}
