package io.camerabridge.bindings.raw;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;

/**
 * {@code arvbuffer.h}. The image accessors log a CRITICAL and return 0 unless the status is SUCCESS
 * and the payload is an image: read the status first. Timestamps are nanoseconds.
 */
public interface ArvBufferFunctions {
  /** {@code ArvBuffer *arv_buffer_new_allocate(size_t size)}: Aravis owns the memory. */
  ArvBufferHandle arv_buffer_new_allocate(long size);

  /**
   * {@code ArvBuffer *arv_buffer_new_full(size_t size, void *preallocated, void *user_data,
   * GDestroyNotify user_data_destroy_func)}: the notify runs at finalize only if user_data is not
   * NULL; preallocated memory is never freed by Aravis.
   */
  ArvBufferHandle arv_buffer_new_full(
      long size, Pointer preallocated, Pointer userData, GDestroyNotify destroy);

  /** {@code ArvBufferStatus arv_buffer_get_status(ArvBuffer *)}: -1..7. */
  int arv_buffer_get_status(ArvBufferHandle buffer);

  /** {@code ArvBufferPayloadType arv_buffer_get_payload_type(ArvBuffer *)}: 1 = image. */
  int arv_buffer_get_payload_type(ArvBufferHandle buffer);

  /** {@code guint64 arv_buffer_get_timestamp(ArvBuffer *)}: device clock, ns. */
  long arv_buffer_get_timestamp(ArvBufferHandle buffer);

  /** {@code guint64 arv_buffer_get_system_timestamp(ArvBuffer *)}: host clock at leader, ns. */
  long arv_buffer_get_system_timestamp(ArvBufferHandle buffer);

  /** {@code guint64 arv_buffer_get_frame_id(ArvBuffer *)}: 0 is invalid on GigE. */
  long arv_buffer_get_frame_id(ArvBufferHandle buffer);

  /**
   * {@code const void *arv_buffer_get_data(ArvBuffer *, size_t *size)}: transfer none; valid while
   * the caller owns the buffer; {@code size} receives the received byte count.
   */
  Pointer arv_buffer_get_data(ArvBufferHandle buffer, LongByReference size);

  /** {@code const void *arv_buffer_get_image_data(ArvBuffer *, size_t *size)} (0.8.25+). */
  Pointer arv_buffer_get_image_data(ArvBufferHandle buffer, LongByReference size);

  /** {@code ArvPixelFormat arv_buffer_get_image_pixel_format(ArvBuffer *)}. */
  int arv_buffer_get_image_pixel_format(ArvBufferHandle buffer);

  /** {@code void arv_buffer_get_image_region(ArvBuffer *, gint *x, gint *y, gint *w, gint *h)}. */
  void arv_buffer_get_image_region(
      ArvBufferHandle buffer,
      IntByReference x,
      IntByReference y,
      IntByReference width,
      IntByReference height);

  /** {@code gint arv_buffer_get_image_width(ArvBuffer *)}. */
  int arv_buffer_get_image_width(ArvBufferHandle buffer);

  /** {@code gint arv_buffer_get_image_height(ArvBuffer *)}. */
  int arv_buffer_get_image_height(ArvBufferHandle buffer);

  /** {@code gint arv_buffer_get_image_x(ArvBuffer *)}. */
  int arv_buffer_get_image_x(ArvBufferHandle buffer);

  /** {@code gint arv_buffer_get_image_y(ArvBuffer *)}. */
  int arv_buffer_get_image_y(ArvBufferHandle buffer);

  /** {@code gboolean arv_buffer_has_chunks(ArvBuffer *)}. */
  boolean arv_buffer_has_chunks(ArvBufferHandle buffer);

  /** {@code const void *arv_buffer_get_user_data(ArvBuffer *)}. */
  Pointer arv_buffer_get_user_data(ArvBufferHandle buffer);
}
