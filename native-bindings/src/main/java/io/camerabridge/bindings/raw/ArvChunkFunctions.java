package io.camerabridge.bindings.raw;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.PointerByReference;

/**
 * Chunk data ({@code arvcamera.h}, {@code arvchunkparser.h}) and multipart buffers ({@code
 * arvbuffer.h}). Chunk values are read from a popped buffer by GenICam name (e.g. {@code
 * ChunkTimestamp}) through a parser created from the camera.
 */
public interface ArvChunkFunctions {
  /** {@code gboolean arv_camera_are_chunks_available(ArvCamera *, GError **)}. */
  boolean arv_camera_are_chunks_available(ArvCameraHandle camera, PointerByReference error);

  /** {@code void arv_camera_set_chunk_mode(ArvCamera *, gboolean is_active, GError **)}. */
  void arv_camera_set_chunk_mode(ArvCameraHandle camera, boolean active, PointerByReference e);

  /** {@code gboolean arv_camera_get_chunk_mode(ArvCamera *, GError **)}. */
  boolean arv_camera_get_chunk_mode(ArvCameraHandle camera, PointerByReference error);

  /** {@code void arv_camera_set_chunk_state(ArvCamera *, const char *chunk, gboolean, ...)}. */
  void arv_camera_set_chunk_state(
      ArvCameraHandle camera, String chunk, boolean enabled, PointerByReference error);

  /** {@code gboolean arv_camera_get_chunk_state(ArvCamera *, const char *chunk, GError **)}. */
  boolean arv_camera_get_chunk_state(
      ArvCameraHandle camera, String chunk, PointerByReference error);

  /**
   * {@code void arv_camera_set_chunks(ArvCamera *, const char *chunk_list, GError **)}: enables the
   * comma-separated chunks (without the {@code Chunk} prefix) and chunk mode.
   */
  void arv_camera_set_chunks(ArvCameraHandle camera, String chunkList, PointerByReference error);

  /** {@code ArvChunkParser *arv_camera_create_chunk_parser(ArvCamera *)}: transfer full. */
  ArvChunkParserHandle arv_camera_create_chunk_parser(ArvCameraHandle camera);

  /**
   * {@code gint64 arv_chunk_parser_get_integer_value(ArvChunkParser *, ArvBuffer *, name, ...)}.
   */
  long arv_chunk_parser_get_integer_value(
      ArvChunkParserHandle parser, ArvBufferHandle buffer, String chunk, PointerByReference e);

  /** {@code double arv_chunk_parser_get_float_value(ArvChunkParser *, ArvBuffer *, name, ...)}. */
  double arv_chunk_parser_get_float_value(
      ArvChunkParserHandle parser, ArvBufferHandle buffer, String chunk, PointerByReference e);

  /** {@code const char *arv_chunk_parser_get_string_value(...)}: transfer none. */
  String arv_chunk_parser_get_string_value(
      ArvChunkParserHandle parser, ArvBufferHandle buffer, String chunk, PointerByReference e);

  /** {@code gboolean arv_chunk_parser_get_boolean_value(...)}. */
  boolean arv_chunk_parser_get_boolean_value(
      ArvChunkParserHandle parser, ArvBufferHandle buffer, String chunk, PointerByReference e);

  /** {@code const void *arv_buffer_get_chunk_data(ArvBuffer *, guint64 chunk_id, size_t *)}. */
  Pointer arv_buffer_get_chunk_data(ArvBufferHandle buffer, long chunkId, LongByReference size);

  /** {@code guint arv_buffer_get_n_parts(ArvBuffer *)}: 1 for plain images. */
  int arv_buffer_get_n_parts(ArvBufferHandle buffer);

  /** {@code const void *arv_buffer_get_part_data(ArvBuffer *, guint part_id, size_t *size)}. */
  Pointer arv_buffer_get_part_data(ArvBufferHandle buffer, int partId, LongByReference size);

  /** {@code ArvPixelFormat arv_buffer_get_part_pixel_format(ArvBuffer *, guint part_id)}. */
  int arv_buffer_get_part_pixel_format(ArvBufferHandle buffer, int partId);

  /**
   * {@code void arv_buffer_get_part_region(ArvBuffer *, guint, gint *x, gint *y, gint *w, ...)}.
   */
  void arv_buffer_get_part_region(
      ArvBufferHandle buffer,
      int partId,
      IntByReference x,
      IntByReference y,
      IntByReference width,
      IntByReference height);

  /** {@code void arv_buffer_get_image_padding(ArvBuffer *, gint *x_padding, gint *y_padding)}. */
  void arv_buffer_get_image_padding(
      ArvBufferHandle buffer, IntByReference xPadding, IntByReference yPadding);
}
