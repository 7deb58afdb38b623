package io.camerabridge.tools.sim.analysis;

import io.camerabridge.pekat.RawLayout;
import io.netty.buffer.ByteBuf;
import java.util.Objects;

/**
 * A view of one image's pixels in one of PEKAT's raw layouts: rows tightly packed, 8 bits per
 * sample. The frame does not own its buffer: whoever created the buffer releases it, after the last
 * use of the frame.
 */
public final class Frame {
  private final int width;
  private final int height;
  private final RawLayout layout;
  private final ByteBuf pixels;

  private Frame(int width, int height, RawLayout layout, ByteBuf pixels) {
    this.width = width;
    this.height = height;
    this.layout = layout;
    this.pixels = pixels;
  }

  /**
   * Wraps {@code pixels} (from its reader index) as an image of the given size and layout.
   *
   * @throws IllegalArgumentException if the readable bytes do not match the layout exactly
   */
  public static Frame of(int width, int height, RawLayout layout, ByteBuf pixels) {
    Objects.requireNonNull(layout, "layout");
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException("image size must be positive: " + width + "x" + height);
    }
    long expected = layout.bodyLength(width, height);
    if (pixels.readableBytes() != expected) {
      throw new IllegalArgumentException(
          "a "
              + width
              + "x"
              + height
              + " "
              + layout
              + " image has "
              + expected
              + " bytes, buffer has "
              + pixels.readableBytes());
    }
    return new Frame(width, height, layout, pixels);
  }

  public int width() {
    return width;
  }

  public int height() {
    return height;
  }

  public RawLayout layout() {
    return layout;
  }

  /** Bytes in one row: {@code width * bytesPerPixel}. */
  public int rowBytes() {
    return width * layout.bytesPerPixel();
  }

  /** Copies row {@code y} into {@code dst}, which must hold at least {@link #rowBytes()}. */
  public void readRow(int y, byte[] dst) {
    pixels.getBytes(pixels.readerIndex() + y * rowBytes(), dst, 0, rowBytes());
  }
}
