package io.camerabridge.bindings.aravis;

import io.camerabridge.bindings.raw.ArvBufferHandle;
import io.camerabridge.bindings.raw.ArvChunkParserHandle;
import java.lang.ref.Cleaner;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Reads GenICam chunk values ({@code ChunkExposureTime}, {@code ChunkFrameID}, …) out of popped
 * frames, in place: Aravis walks the chunk list at the end of the buffer's own memory, nothing is
 * copied. Made by {@link Camera#createChunkParser()} from the camera's GenICam description; it owns
 * its own copy of that description, so it needs neither the camera nor its lock, and outlives both.
 *
 * <p>One thread at a time: Aravis keeps the frame being read inside the parser. Use it from the
 * thread that handles frames and close it there, after the last read.
 */
public final class ChunkParser implements AutoCloseable {
  private final String cameraId;
  private final ArvChunkParserHandle handle;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final Cleaner.Cleanable leakWatch;

  ChunkParser(String cameraId, ArvChunkParserHandle handle) {
    this.cameraId = cameraId;
    this.handle = handle;
    AtomicBoolean flag = closed;
    this.leakWatch = LeakReporter.watch(this, flag::get, "ChunkParser of " + cameraId);
  }

  /**
   * The value of an integer chunk feature ({@code arv_chunk_parser_get_integer_value}).
   *
   * @param feature the chunk's GenICam feature, e.g. {@code ChunkFrameID}
   * @throws AravisException naming the camera, the frame and the feature when the frame lacks the
   *     chunk or the feature is not an integer (Aravis's message)
   * @throws IllegalStateException when the frame carries no chunk data at all, or was released
   */
  public long integerValue(ArvFrame frame, String feature) {
    ArvBufferHandle buffer = chunkBuffer(frame);
    return GErrors.call(
        () -> operation(frame, feature),
        e -> AravisLibrary.aravis().arv_chunk_parser_get_integer_value(handle, buffer, feature, e));
  }

  /**
   * The value of a float chunk feature ({@code arv_chunk_parser_get_float_value}).
   *
   * @param feature the chunk's GenICam feature, e.g. {@code ChunkExposureTime}
   * @throws AravisException naming the camera, the frame and the feature when the frame lacks the
   *     chunk or the feature is not a float (Aravis's message)
   * @throws IllegalStateException when the frame carries no chunk data at all, or was released
   */
  public double floatValue(ArvFrame frame, String feature) {
    ArvBufferHandle buffer = chunkBuffer(frame);
    return GErrors.call(
        () -> operation(frame, feature),
        e -> AravisLibrary.aravis().arv_chunk_parser_get_float_value(handle, buffer, feature, e));
  }

  /**
   * Checked here, not left to Aravis: on a buffer without chunks it logs a GLib CRITICAL per call
   * ({@code arv_buffer_get_chunk_data}'s precondition) instead of failing.
   */
  private ArvBufferHandle chunkBuffer(ArvFrame frame) {
    if (closed.get()) {
      throw new IllegalStateException("The chunk parser of " + cameraId + " is closed");
    }
    ArvBufferHandle buffer = frame.handle();
    if (!frame.hasChunks()) {
      throw new IllegalStateException(
          "Camera " + cameraId + ": frame " + frame.frameId() + " carries no chunk data");
    }
    return buffer;
  }

  private String operation(ArvFrame frame, String feature) {
    return "Camera " + cameraId + ": reading " + feature + " from frame " + frame.frameId();
  }

  /** Drops the parser (its GenICam copy). Idempotent; not while another thread reads. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      AravisLibrary.gobject().g_object_unref(handle);
      leakWatch.clean();
    }
  }
}
