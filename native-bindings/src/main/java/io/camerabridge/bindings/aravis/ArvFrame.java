package io.camerabridge.bindings.aravis;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;
import io.camerabridge.bindings.raw.Aravis;
import io.camerabridge.bindings.raw.ArvBufferHandle;
import java.lang.ref.Cleaner;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One buffer popped from a {@link Stream}: its metadata, copied at pop time, and a zero-copy view
 * of its memory. The frame owns the buffer until {@link #release()}, which gives it back exactly
 * once, from any thread, without blocking.
 *
 * <p>{@link #data()} views native memory that the camera overwrites once the buffer is back in the
 * stream: stop using every view before releasing. Geometry and pixel format are read only for
 * {@link BufferStatus#SUCCESS} image buffers (Aravis reports nothing valid otherwise) and are 0 /
 * {@link PixelFormat#UNKNOWN} for the rest.
 */
public final class ArvFrame implements AutoCloseable {
  /** {@code ARV_BUFFER_PAYLOAD_TYPE_IMAGE}. */
  private static final int PAYLOAD_IMAGE = 1;

  /**
   * {@code ARV_BUFFER_PAYLOAD_TYPE_EXTENDED_CHUNK_DATA}: an image with chunks in the GigE Vision
   * 1.x encoding; Aravis fills its image part from the leader like for an image.
   */
  private static final int PAYLOAD_EXTENDED_CHUNK_DATA = 5;

  private final Stream stream;
  private final ArvBufferHandle buffer;
  private final AtomicBoolean released = new AtomicBoolean();
  private final BufferStatus status;
  private final long frameId;
  private final long timestampNanos;
  private final long systemTimestampNanos;
  private final int width;
  private final int height;
  private final int x;
  private final int y;
  private final int pixelFormatCode;
  private final int paddingX;
  private final int paddingY;
  private final ByteBuffer view;
  private final Cleaner.Cleanable leakWatch;

  ArvFrame(Stream stream, ArvBufferHandle buffer) {
    Aravis arv = AravisLibrary.aravis();
    this.stream = stream;
    this.buffer = buffer;
    this.status = BufferStatus.fromCode(arv.arv_buffer_get_status(buffer));
    this.frameId = arv.arv_buffer_get_frame_id(buffer);
    this.timestampNanos = arv.arv_buffer_get_timestamp(buffer);
    this.systemTimestampNanos = arv.arv_buffer_get_system_timestamp(buffer);
    int payloadType = arv.arv_buffer_get_payload_type(buffer);
    boolean image =
        status == BufferStatus.SUCCESS
            && (payloadType == PAYLOAD_IMAGE || payloadType == PAYLOAD_EXTENDED_CHUNK_DATA);
    this.width = image ? arv.arv_buffer_get_image_width(buffer) : 0;
    this.height = image ? arv.arv_buffer_get_image_height(buffer) : 0;
    this.x = image ? arv.arv_buffer_get_image_x(buffer) : 0;
    this.y = image ? arv.arv_buffer_get_image_y(buffer) : 0;
    this.pixelFormatCode = image ? arv.arv_buffer_get_image_pixel_format(buffer) : 0;
    IntByReference px = new IntByReference();
    IntByReference py = new IntByReference();
    if (image) {
      arv.arv_buffer_get_image_padding(buffer, px, py);
    }
    this.paddingX = px.getValue();
    this.paddingY = py.getValue();
    LongByReference size = new LongByReference();
    Pointer data = arv.arv_buffer_get_data(buffer, size);
    this.view =
        data == null || size.getValue() == 0
            ? ByteBuffer.allocateDirect(0)
            : data.getByteBuffer(0, size.getValue());
    AtomicBoolean flag = released;
    this.leakWatch = LeakReporter.watch(this, flag::get, "ArvFrame " + frameId + " of " + stream);
  }

  /** How the buffer was completed; only SUCCESS carries a whole frame. */
  public BufferStatus status() {
    return status;
  }

  /**
   * Whether the buffer carries GenICam chunk data (asked of Aravis on each call, not at pop time,
   * so frames that nobody asks cost nothing). Valid until {@link #release()}.
   */
  public boolean hasChunks() {
    if (released.get()) {
      throw new IllegalStateException("ArvFrame " + frameId + " was released");
    }
    return AravisLibrary.aravis().arv_buffer_has_chunks(buffer);
  }

  /** The buffer, for readers in this package (chunk values); valid until {@link #release()}. */
  ArvBufferHandle handle() {
    if (released.get()) {
      throw new IllegalStateException("ArvFrame " + frameId + " was released");
    }
    return buffer;
  }

  /** Whether {@link #status()} is SUCCESS. */
  public boolean isComplete() {
    return status == BufferStatus.SUCCESS;
  }

  /** Frame (block) id from the camera; wraps, and 0 is invalid on GigE. */
  public long frameId() {
    return frameId;
  }

  /** Device timestamp in ns (the host time when the camera's tick rate is unknown). */
  public long timestampNanos() {
    return timestampNanos;
  }

  /** Host wall-clock time in ns when the first packet of the frame arrived. */
  public long systemTimestampNanos() {
    return systemTimestampNanos;
  }

  /** Image width in pixels. */
  public int width() {
    return width;
  }

  /** Image height in pixels. */
  public int height() {
    return height;
  }

  /** Horizontal offset of the image on the sensor. */
  public int x() {
    return x;
  }

  /** Vertical offset of the image on the sensor. */
  public int y() {
    return y;
  }

  /** Pixel format ({@link PixelFormat#UNKNOWN} if not an image or not a listed code). */
  public PixelFormat pixelFormat() {
    return PixelFormat.fromCode(pixelFormatCode);
  }

  /** Raw Aravis pixel-format code (0 if not an image). */
  public int pixelFormatCode() {
    return pixelFormatCode;
  }

  /** Padding bytes at the end of each image row (0 for packed rows and non-images). */
  public int paddingX() {
    return paddingX;
  }

  /** Padding bytes after the last image row (0 for non-images). */
  public int paddingY() {
    return paddingY;
  }

  /** Bytes received (the payload, for complete frames). */
  public int size() {
    return view.capacity();
  }

  /**
   * A new read-only direct view of the received bytes (position 0, limit {@link #size()}), over the
   * native memory itself: no copy.
   *
   * @throws IllegalStateException after {@link #release()}
   */
  public ByteBuffer data() {
    if (released.get()) {
      throw new IllegalStateException("Frame " + frameId + " was released");
    }
    return view.asReadOnlyBuffer();
  }

  /**
   * Like {@link #data()}, but writable, for zero-copy hand-over to I/O code that only accepts a
   * writable direct buffer (Netty's unsafe direct {@code ByteBuf} rejects read-only ones). Callers
   * must only read through it; the same release rules apply.
   *
   * @throws IllegalStateException after {@link #release()}
   */
  public ByteBuffer dataForTransfer() {
    if (released.get()) {
      throw new IllegalStateException("Frame " + frameId + " was released");
    }
    return view.duplicate().position(0);
  }

  /** Whether the buffer was given back. */
  public boolean isReleased() {
    return released.get();
  }

  /**
   * Gives the buffer back to its stream (or frees it if the stream is closed). Safe from any
   * thread, non-blocking, idempotent: only the first call acts.
   *
   * @return true if this call released it
   */
  public boolean release() {
    if (!released.compareAndSet(false, true)) {
      return false;
    }
    stream.giveBack(buffer);
    leakWatch.clean();
    return true;
  }

  /** Same as {@link #release()}. */
  @Override
  public void close() {
    release();
  }

  @Override
  public String toString() {
    return "ArvFrame[id="
        + frameId
        + ", "
        + status
        + ", "
        + width
        + "x"
        + height
        + " "
        + pixelFormat()
        + ", "
        + size()
        + " B]";
  }
}
