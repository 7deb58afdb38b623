package io.camerabridge.pipeline;

import io.camerabridge.metrics.DropReason;
import io.camerabridge.ops.logging.RateLimitedLog;
import io.camerabridge.pekat.RawLayout;
import java.nio.ByteBuffer;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a camera frame into what PEKAT accepts, copying only when it must. Mono8, BayerRG8 and BGR8
 * frames with tightly packed rows go out as they are (zero-copy). Two cases need a copy, and each
 * copy is counted: rows with padding are compacted, and RGB8 frames have red and blue swapped (only
 * when {@code convertRgbToBgr} is configured; otherwise they are dropped).
 *
 * <p>Copies go into direct buffers from a fixed pool of {@code maxInFlight + 1}, so copying never
 * grows memory: when every pool buffer is still at the analyzer, the frame is dropped as busy. The
 * camera buffer of a copied frame goes back to the camera at once. Used by the frame thread only,
 * except for pool returns, which may come from any thread.
 */
final class FrameConverter {
  private static final Logger LOG = LoggerFactory.getLogger(FrameConverter.class);
  private static final RateLimitedLog SIZE_LOG = new RateLimitedLog(LOG);

  private final String cameraId;
  private final boolean convertRgbToBgr;
  private final BlockingQueue<ByteBuffer> pool;
  private final int poolSize;
  private final LongAdder copies;
  private final AtomicBoolean copyLogged = new AtomicBoolean();
  private final AtomicBoolean rejectLogged = new AtomicBoolean();
  private int allocated;

  FrameConverter(String cameraId, boolean convertRgbToBgr, int maxInFlight, LongAdder copies) {
    this.cameraId = cameraId;
    this.convertRgbToBgr = convertRgbToBgr;
    this.poolSize = maxInFlight + 1;
    this.pool = new ArrayBlockingQueue<>(poolSize);
    this.copies = copies;
  }

  /** A frame ready to send, or the reason it cannot be sent. Exactly one is non-null. */
  record Converted(FrameView view, DropReason drop) {}

  /**
   * Converts one complete frame. On a drop, the camera buffer has already been given back.
   *
   * @param data the frame's bytes from position 0 (image data first, then any trailing bytes)
   * @param pixelFormat the GenICam name of the frame's pixel format
   * @param paddingX bytes of padding at the end of each row
   */
  Converted convert(
      ByteBuffer data,
      int width,
      int height,
      String pixelFormat,
      int paddingX,
      long frameId,
      long timestampNanos,
      long systemTimestampNanos,
      Runnable giveBack) {
    RawLayout layout = layoutOf(pixelFormat);
    boolean swap = "RGB8".equals(pixelFormat) || "RGB8Packed".equals(pixelFormat);
    if (layout == null || (swap && !convertRgbToBgr)) {
      reject(giveBack, pixelFormat);
      return new Converted(null, DropReason.CONVERSION_IMPOSSIBLE);
    }
    int rowBytes = width * layout.bytesPerPixel();
    int stride = rowBytes + Math.max(0, paddingX);
    long needed = (long) stride * (height - 1) + rowBytes;
    if (width <= 0 || height <= 0 || data.remaining() < needed) {
      giveBack.run();
      SIZE_LOG.warn(
          cameraId + "/size",
          "Camera {}: frame {} has {} bytes, {} {}x{} needs {}; dropped",
          cameraId,
          frameId,
          data.remaining(),
          pixelFormat,
          width,
          height,
          needed);
      return new Converted(null, DropReason.CONVERSION_IMPOSSIBLE);
    }
    if (!swap && stride == rowBytes) {
      ByteBuffer exact = data.duplicate();
      exact.position(0).limit(rowBytes * height);
      return new Converted(
          new FrameView(
              exact.slice(),
              width,
              height,
              layout,
              frameId,
              timestampNanos,
              systemTimestampNanos,
              giveBack),
          null);
    }
    ByteBuffer target = borrow(rowBytes * height);
    if (target == null) {
      giveBack.run();
      return new Converted(null, DropReason.ANALYZER_BUSY);
    }
    try {
      copy(data, target, rowBytes, stride, height, swap);
    } finally {
      giveBack.run();
    }
    copies.increment();
    if (copyLogged.compareAndSet(false, true)) {
      LOG.info(
          "Camera {}: frames are copied before sending ({}); configure {} to avoid the copy",
          cameraId,
          swap ? "RGB8 converted to BGR8" : "rows have " + paddingX + " bytes of padding",
          swap ? "pixelFormat: BGR8 or BayerRG8" : "a width whose rows need no padding");
    }
    ByteBuffer pooled = target;
    return new Converted(
        new FrameView(
            target,
            width,
            height,
            layout,
            frameId,
            timestampNanos,
            systemTimestampNanos,
            () -> giveBackToPool(pooled)),
        null);
  }

  static RawLayout layoutOf(String pixelFormat) {
    return switch (pixelFormat) {
      case "Mono8" -> RawLayout.GRAY8;
      case "BayerRG8" -> RawLayout.BAYER_RG8;
      case "BGR8", "BGR8Packed", "RGB8", "RGB8Packed" -> RawLayout.BGR8;
      default -> null;
    };
  }

  private static void copy(
      ByteBuffer src, ByteBuffer dst, int rowBytes, int stride, int height, boolean swap) {
    byte[] row = new byte[rowBytes];
    ByteBuffer in = src.duplicate();
    dst.clear();
    for (int y = 0; y < height; y++) {
      in.position(y * stride);
      in.get(row);
      if (swap) {
        for (int i = 0; i + 2 < rowBytes; i += 3) {
          byte r = row[i];
          row[i] = row[i + 2];
          row[i + 2] = r;
        }
      }
      dst.put(row);
    }
    dst.flip();
  }

  private synchronized ByteBuffer borrow(int size) {
    ByteBuffer b = pool.poll();
    while (b != null && b.capacity() != size) {
      // The geometry changed (a reconfigured camera): retire buffers of the old size.
      allocated--;
      b = pool.poll();
    }
    if (b == null && allocated < poolSize) {
      allocated++;
      b = ByteBuffer.allocateDirect(size);
    }
    return b;
  }

  private void giveBackToPool(ByteBuffer b) {
    b.clear();
    pool.offer(b);
  }

  private void reject(Runnable giveBack, String pixelFormat) {
    giveBack.run();
    if (rejectLogged.compareAndSet(false, true)) {
      LOG.error(
          "Camera {}: frames in pixel format {} cannot be sent to PEKAT and are dropped; set"
              + " pixelFormat to Mono8, BayerRG8, BGR8, or RGB8 with convertRgbToBgr: true",
          cameraId,
          pixelFormat);
    }
  }
}
