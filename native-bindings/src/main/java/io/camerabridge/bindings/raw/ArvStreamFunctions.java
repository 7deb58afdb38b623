package io.camerabridge.bindings.raw;

import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;

/**
 * {@code arvstream.h}. Push and pop are GAsyncQueue operations, safe from any thread; a pushed
 * buffer belongs to the stream (transfer full), a popped one to the caller, who must push it back
 * or {@code g_object_unref} it.
 */
public interface ArvStreamFunctions {
  /** {@code void arv_stream_push_buffer(ArvStream *, ArvBuffer *)}: transfer full to the stream. */
  void arv_stream_push_buffer(ArvStreamHandle stream, ArvBufferHandle buffer);

  /** {@code ArvBuffer *arv_stream_pop_buffer(ArvStream *)}: blocks without limit; transfer full. */
  ArvBufferHandle arv_stream_pop_buffer(ArvStreamHandle stream);

  /** {@code ArvBuffer *arv_stream_try_pop_buffer(ArvStream *)}: NULL when none; transfer full. */
  ArvBufferHandle arv_stream_try_pop_buffer(ArvStreamHandle stream);

  /** {@code ArvBuffer *arv_stream_timeout_pop_buffer(ArvStream *, guint64 timeout)}: µs. */
  ArvBufferHandle arv_stream_timeout_pop_buffer(ArvStreamHandle stream, long timeoutMicros);

  /** {@code void arv_stream_get_n_buffers(ArvStream *, gint *in, gint *out)}: may be negative. */
  void arv_stream_get_n_buffers(
      ArvStreamHandle stream, IntByReference nInput, IntByReference nOutput);

  /** {@code void arv_stream_start_thread(ArvStream *)}. */
  void arv_stream_start_thread(ArvStreamHandle stream);

  /** {@code unsigned int arv_stream_stop_thread(ArvStream *, gboolean delete_buffers)}. */
  int arv_stream_stop_thread(ArvStreamHandle stream, boolean deleteBuffers);

  /** {@code void arv_stream_get_statistics(ArvStream *, guint64 *, guint64 *, guint64 *)}. */
  void arv_stream_get_statistics(
      ArvStreamHandle stream,
      LongByReference nCompletedBuffers,
      LongByReference nFailures,
      LongByReference nUnderruns);

  /** {@code guint arv_stream_get_n_infos(ArvStream *)}. */
  int arv_stream_get_n_infos(ArvStreamHandle stream);

  /** {@code const char *arv_stream_get_info_name(ArvStream *, guint id)}: transfer none. */
  String arv_stream_get_info_name(ArvStreamHandle stream, int id);

  /** {@code GType arv_stream_get_info_type(ArvStream *, guint id)}. */
  long arv_stream_get_info_type(ArvStreamHandle stream, int id);

  /** {@code guint64 arv_stream_get_info_uint64(ArvStream *, guint id)}. */
  long arv_stream_get_info_uint64(ArvStreamHandle stream, int id);

  /** {@code double arv_stream_get_info_double(ArvStream *, guint id)}. */
  double arv_stream_get_info_double(ArvStreamHandle stream, int id);

  /** {@code guint64 arv_stream_get_info_uint64_by_name(ArvStream *, const char *name)}. */
  long arv_stream_get_info_uint64_by_name(ArvStreamHandle stream, String name);

  /** {@code void arv_stream_set_emit_signals(ArvStream *, gboolean)}: FALSE before last unref. */
  void arv_stream_set_emit_signals(ArvStreamHandle stream, boolean emitSignals);

  /** {@code gboolean arv_stream_get_emit_signals(ArvStream *)}. */
  boolean arv_stream_get_emit_signals(ArvStreamHandle stream);

  /** {@code double arv_stream_get_info_double_by_name(ArvStream *, const char *name)}. */
  double arv_stream_get_info_double_by_name(ArvStreamHandle stream, String name);
}
