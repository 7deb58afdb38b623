package io.camerabridge.frame;

import io.camerabridge.pekat.RawLayout;
import java.util.Map;
import java.util.Objects;

/**
 * What is known about one frame besides its pixels, fixed when it is popped. A value: it stays
 * valid after the lease has given the memory back, so whoever handles the outcome (journal,
 * outputs) may keep it.
 *
 * @param cameraId the configured camera id
 * @param sequence the camera pipeline's own number for the frame: 1 for the first buffer popped
 *     after the service started, +1 for every popped buffer (complete or not, sent or dropped),
 *     never reset by a reconnect; a gap between two outcomes is the frames that were dropped
 * @param frameId the camera's frame (block) id; wraps, restarts with the camera, 0 is invalid on
 *     GigE
 * @param timestampNanos the device timestamp in nanoseconds (the host's when the camera's tick rate
 *     is unknown)
 * @param systemTimestampNanos host wall-clock time (ns since the epoch) at which Aravis began to
 *     fill the buffer (the leader packet on GigE)
 * @param width image width in pixels
 * @param height image height in pixels
 * @param layout how the pixels go out, resolved from the configured pixel format at start
 * @param chunks the camera's chunk values in this frame by configured {@code chunks:} entry (e.g.
 *     {@code ExposureTime} → {@code 2500.0}, {@code FrameID} → {@code 65401}): Long or Double, in
 *     configuration order; empty without {@code chunks:}
 * @param partId the part id a PLC wrote before this frame was acquired ({@code {partId}} in the
 *     {@code data} template), or null
 */
public record FrameInfo(
    String cameraId,
    long sequence,
    long frameId,
    long timestampNanos,
    long systemTimestampNanos,
    int width,
    int height,
    RawLayout layout,
    Map<String, Number> chunks,
    String partId) {

  /** Checks the references; {@code chunks} is kept as given (the reader hands out frozen maps). */
  public FrameInfo {
    Objects.requireNonNull(cameraId, "cameraId");
    Objects.requireNonNull(layout, "layout");
    Objects.requireNonNull(chunks, "chunks");
  }

  /** A frame without chunk values or part id. */
  public FrameInfo(
      String cameraId,
      long sequence,
      long frameId,
      long timestampNanos,
      long systemTimestampNanos,
      int width,
      int height,
      RawLayout layout) {
    this(
        cameraId,
        sequence,
        frameId,
        timestampNanos,
        systemTimestampNanos,
        width,
        height,
        layout,
        Map.of(),
        null);
  }

  /** The exact number of body bytes PEKAT expects for this frame. */
  public long bodyLength() {
    return layout.bodyLength(width, height);
  }
}
