package io.camerabridge.pekat;

import io.netty.buffer.ByteBuf;
import java.util.Objects;

/**
 * Raw pixels for {@code analyze_raw_image}: tightly packed rows in one of the layouts PEKAT
 * accepts. The service's frames implement it themselves (the camera's frame lease), so a frame
 * reaches the socket as the object popped from the stream; {@link #of} wraps any other buffer.
 *
 * <p>{@link #pixels()} holds exactly {@code layout().bodyLength(width(), height())} readable bytes;
 * {@link PekatClient#analyze} takes ownership of one reference to it.
 */
public interface RawFrame {

  /** The body: exactly {@code layout().bodyLength(width(), height())} readable bytes. */
  ByteBuf pixels();

  /** Image width in pixels. */
  int width();

  /** Image height in pixels. */
  int height();

  /** The pixel layout the bytes are in. */
  RawLayout layout();

  /**
   * A frame over {@code pixels}. Does not take ownership: if this throws, the caller still owns
   * (and must release) the buffer.
   *
   * @throws IllegalArgumentException as {@link #checkShape}
   */
  static RawFrame of(ByteBuf pixels, int width, int height, RawLayout layout) {
    return new Buffered(pixels, width, height, layout);
  }

  /**
   * The one rule for a sendable body: a positive size, and exactly as many bytes as the layout
   * needs for it.
   *
   * @throws IllegalArgumentException naming what is wrong
   */
  static void checkShape(long bodyBytes, int width, int height, RawLayout layout) {
    Objects.requireNonNull(layout, "layout");
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException(
          "frame size must be positive, got " + width + "x" + height);
    }
    long expected = layout.bodyLength(width, height);
    if (bodyBytes != expected) {
      throw new IllegalArgumentException(
          layout
              + " "
              + width
              + "x"
              + height
              + " needs exactly "
              + expected
              + " bytes but the buffer holds "
              + bodyBytes
              + "; rows must be tightly packed (no padding) with "
              + layout.bytesPerPixel()
              + " byte(s) per pixel");
    }
  }

  /** A frame over a buffer that is not a camera's lease (tests, tools). */
  record Buffered(ByteBuf pixels, int width, int height, RawLayout layout) implements RawFrame {
    /** Checks the shape as {@link RawFrame#checkShape}. */
    public Buffered {
      Objects.requireNonNull(pixels, "pixels");
      checkShape(pixels.readableBytes(), width, height, layout);
    }

    @Override
    public String toString() {
      return "RawFrame[" + width + "x" + height + " " + layout + "]";
    }
  }
}
