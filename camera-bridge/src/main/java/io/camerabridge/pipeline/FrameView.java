package io.camerabridge.pipeline;

import io.camerabridge.pekat.RawLayout;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * One complete frame ready to send: tightly packed pixels in a layout PEKAT accepts, plus the
 * action that gives the memory back. Whoever holds a view owns that action and must run it exactly
 * once.
 *
 * @param pixels a writable direct buffer over exactly {@code layout.bodyLength(width, height)}
 *     bytes (position 0); native camera memory or a conversion buffer
 * @param width image width in pixels
 * @param height image height in pixels
 * @param layout what the bytes are
 * @param frameId the camera's frame id
 * @param timestampNanos the device timestamp in nanoseconds
 * @param systemTimestampNanos host wall-clock time (ns since the epoch) of the frame's arrival
 * @param giveBack returns the memory to its owner; must be thread-safe and must not block
 */
public record FrameView(
    ByteBuffer pixels,
    int width,
    int height,
    RawLayout layout,
    long frameId,
    long timestampNanos,
    long systemTimestampNanos,
    Runnable giveBack) {

  public FrameView {
    Objects.requireNonNull(pixels, "pixels");
    Objects.requireNonNull(layout, "layout");
    Objects.requireNonNull(giveBack, "giveBack");
  }
}
