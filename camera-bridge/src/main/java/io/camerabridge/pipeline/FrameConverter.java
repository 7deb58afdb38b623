package io.camerabridge.pipeline;

import io.camerabridge.bindings.aravis.PixelFormat;
import io.camerabridge.config.PixelFormatChoice;
import io.camerabridge.frame.FrameInfo;
import io.camerabridge.frame.FrameLease;
import io.camerabridge.frame.FrameLeases;
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
 * Makes a camera frame's {@link FrameLease}, copying only when it must. The pixel format is the one
 * configured (validated at load and set on the camera at open), so its PEKAT layout is resolved
 * once here; each frame is only checked to carry that format's code. Mono8, BayerRG8 and BGR8
 * frames with tightly packed rows are leased as they are (zero-copy). Two cases need a copy, and
 * each copy is counted: rows with padding (as the frame's leader reports it) are compacted, and
 * RGB8 frames have red and blue swapped.
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
  private final String formatName;
  private final int formatCode;
  private final RawLayout layout;
  private final boolean swap;
  private final boolean sendable;
  private final FrameLeases leases;
  private final BlockingQueue<ByteBuffer> pool;
  private final int poolSize;
  private final LongAdder copies;
  private final AtomicBoolean copyLogged = new AtomicBoolean();
  private final AtomicBoolean rejectLogged = new AtomicBoolean();
  private int allocated;

  /**
   * @param format the configured pixel format
   * @param convertRgbToBgr whether RGB8 may be swapped (the validator requires it for RGB8)
   */
  FrameConverter(
      String cameraId,
      PixelFormatChoice format,
      boolean convertRgbToBgr,
      int maxInFlight,
      LongAdder copies,
      FrameLeases leases) {
    this.cameraId = cameraId;
    this.formatName = format.genicamName();
    this.formatCode = codeOf(format);
    this.layout = format.layout();
    this.swap = format.swapsRedAndBlue();
    this.sendable = !swap || convertRgbToBgr;
    this.leases = leases;
    this.poolSize = maxInFlight + 1;
    this.pool = new ArrayBlockingQueue<>(poolSize);
    this.copies = copies;
  }

  /** The layout every frame of this camera goes out as. */
  RawLayout layout() {
    return layout;
  }

  /**
   * Whether a frame with this pixel-format code differs from the configured format although the
   * configuration can be sent: the camera drifted from its configuration (someone changed it), and
   * applying the configuration again fixes it.
   */
  boolean drifted(int pixelFormatCode) {
    return sendable && pixelFormatCode != formatCode;
  }

  /** The configured pixel format's GenICam name. */
  String formatName() {
    return formatName;
  }

  /** A lease ready to send, or the reason the frame cannot be sent. Exactly one is non-null. */
  record Converted(FrameLease lease, DropReason drop) {}

  /**
   * Leases one complete frame. On a drop, the camera buffer has already been given back.
   *
   * @param info the frame's metadata, with {@link #layout()}
   * @param data the frame's bytes from position 0 (image data first, then any trailing bytes)
   * @param pixelFormatCode the Aravis pixel-format code the frame's leader carries
   * @param paddingX bytes of padding at the end of each row, as the frame's leader reports it
   * @param giveBack returns the camera buffer; runs exactly once, here or when the lease goes
   */
  Converted convert(
      FrameInfo info, ByteBuffer data, int pixelFormatCode, int paddingX, Runnable giveBack) {
    if (!sendable || pixelFormatCode != formatCode) {
      reject(giveBack, pixelFormatCode);
      return new Converted(null, DropReason.CONVERSION_IMPOSSIBLE);
    }
    int width = info.width();
    int height = info.height();
    int rowBytes = width * layout.bytesPerPixel();
    int stride = rowBytes + Math.max(0, paddingX);
    long needed = (long) stride * (height - 1) + rowBytes;
    if (width <= 0 || height <= 0 || data.remaining() < needed) {
      giveBack.run();
      SIZE_LOG.warn(
          cameraId + "/size",
          "Camera {}: frame {} has {} bytes, {} {}x{} with {} bytes of row padding needs {};"
              + " dropped",
          cameraId,
          info.frameId(),
          data.remaining(),
          formatName,
          width,
          height,
          paddingX,
          needed);
      return new Converted(null, DropReason.CONVERSION_IMPOSSIBLE);
    }
    if (!swap && stride == rowBytes) {
      ByteBuffer body = data.duplicate().position(0).limit(rowBytes * height);
      try {
        return new Converted(leases.lease(info, body, giveBack), null);
      } catch (IllegalArgumentException e) {
        giveBack.run();
        SIZE_LOG.warn(
            cameraId + "/lease",
            "Camera {}: frame {}: {}",
            cameraId,
            info.frameId(),
            e.getMessage());
        return new Converted(null, DropReason.CONVERSION_IMPOSSIBLE);
      }
    }
    return copied(info, data, rowBytes, stride, giveBack);
  }

  private Converted copied(
      FrameInfo info, ByteBuffer data, int rowBytes, int stride, Runnable giveBack) {
    ByteBuffer target = borrow(rowBytes * info.height());
    if (target == null) {
      giveBack.run();
      return new Converted(null, DropReason.ANALYZER_BUSY);
    }
    try {
      copy(data, target, rowBytes, stride, info.height(), swap);
    } finally {
      giveBack.run();
    }
    copies.increment();
    if (copyLogged.compareAndSet(false, true)) {
      LOG.info(
          "Camera {}: frames are copied before sending ({}); configure {} to avoid the copy",
          cameraId,
          swap
              ? "RGB8 converted to BGR8"
              : "rows have " + (stride - rowBytes) + " bytes of padding",
          swap ? "pixelFormat: BGR8 or BayerRG8" : "a width whose rows need no padding");
    }
    return new Converted(leases.lease(info, target, () -> giveBackToPool(target)), null);
  }

  /** GigE's {@code *Packed} names are the same PFNC codes as the plain names. */
  private static int codeOf(PixelFormatChoice format) {
    String name = format.genicamName();
    String plain = name.endsWith("Packed") ? name.substring(0, name.length() - 6) : name;
    PixelFormat known = PixelFormat.fromGenicamName(plain);
    if (known == PixelFormat.UNKNOWN) {
      throw new IllegalArgumentException("no Aravis pixel-format code for " + name);
    }
    return known.code();
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

  /** A drifted format is the pipeline's to fix and log ({@link #drifted}); this is the rest. */
  private void reject(Runnable giveBack, int pixelFormatCode) {
    giveBack.run();
    if (!drifted(pixelFormatCode) && rejectLogged.compareAndSet(false, true)) {
      LOG.error(
          "Camera {}: frames in pixel format {} cannot be sent to PEKAT and are dropped; set"
              + " convertRgbToBgr: true or choose BGR8, BayerRG8 or Mono8",
          cameraId,
          formatName);
    }
  }

  /** A frame's pixel format as a name for log lines, e.g. {@code Mono16 (0x1100007)}. */
  static String describeFormat(int pixelFormatCode) {
    return PixelFormat.fromCode(pixelFormatCode).genicamName()
        + " (0x"
        + Integer.toHexString(pixelFormatCode)
        + ")";
  }
}
