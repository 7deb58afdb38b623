package io.camerabridge.analyzers;

import io.camerabridge.pekat.RawFrame;
import io.camerabridge.pekat.RawLayout;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.Arrays;

/**
 * The geometry of a camera's frames, from which the warm-up frame is made: PEKAT loads its model on
 * the first image, and an image of another size may not exercise the same path.
 *
 * @param width in pixels
 * @param height in pixels
 * @param layout the pixel layout frames are sent in
 */
public record FrameShape(int width, int height, RawLayout layout) {
  private static final byte MID_GREY = (byte) 0x80;

  static FrameShape of(RawFrame frame) {
    return new FrameShape(frame.width(), frame.height(), frame.layout());
  }

  /** A mid-grey frame of this shape; the caller owns its one reference. */
  RawFrame midGrey() {
    int bytes = Math.toIntExact(layout.bodyLength(width, height));
    byte[] grey = new byte[bytes];
    Arrays.fill(grey, MID_GREY);
    ByteBuf body = Unpooled.directBuffer(bytes, bytes).writeBytes(grey);
    return RawFrame.of(body, width, height, layout);
  }

  boolean sameAs(RawFrame frame) {
    return frame.width() == width && frame.height() == height && frame.layout() == layout;
  }
}
