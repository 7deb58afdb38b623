package io.camerabridge.pekat;

import io.netty.buffer.ByteBuf;
import java.util.Objects;

/**
 * Raw pixels for {@code analyze_raw_image}: tightly packed rows in one of the layouts PEKAT
 * accepts. The buffer is usually a {@link io.camerabridge.frame.NativeFrameBuf} over camera memory.
 *
 * <p>Constructing a frame does not take ownership of {@code pixels}; {@link PekatClient#analyze}
 * does. If the constructor throws, the caller still owns (and must release) the buffer.
 *
 * @param pixels exactly {@code layout.bodyLength(width, height)} readable bytes
 * @param width image width in pixels
 * @param height image height in pixels
 * @param layout the pixel layout the bytes are in
 */
public record RawFrame(ByteBuf pixels, int width, int height, RawLayout layout) {
  public RawFrame {
    Objects.requireNonNull(pixels, "pixels");
    Objects.requireNonNull(layout, "layout");
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException(
          "frame size must be positive, got " + width + "x" + height);
    }
    long expected = layout.bodyLength(width, height);
    if (pixels.readableBytes() != expected) {
      throw new IllegalArgumentException(
          layout
              + " "
              + width
              + "x"
              + height
              + " needs exactly "
              + expected
              + " bytes but the buffer holds "
              + pixels.readableBytes()
              + "; rows must be tightly packed (no padding) with "
              + layout.bytesPerPixel()
              + " byte(s) per pixel");
    }
  }

  @Override
  public String toString() {
    return "RawFrame[" + width + "x" + height + " " + layout + "]";
  }
}
