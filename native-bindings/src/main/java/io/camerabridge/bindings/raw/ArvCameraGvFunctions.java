package io.camerabridge.bindings.raw;

import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.PointerByReference;

/**
 * {@code arvcamera.h} GigE Vision functions and {@code arvgvstream.h}. Packet size, packet size
 * adjustment and stream options are read when a stream is created: set them before.
 */
public interface ArvCameraGvFunctions {
  /** {@code ArvGvStreamOption} NONE. */
  int ARV_GV_STREAM_OPTION_NONE = 0;

  /** {@code ArvGvStreamOption} PACKET_SOCKET_DISABLED: use a plain UDP socket. */
  int ARV_GV_STREAM_OPTION_PACKET_SOCKET_DISABLED = 1;

  /** {@code ArvGvStreamSocketBuffer} FIXED: SO_RCVBUF = socket-buffer-size when &gt; 0. */
  int ARV_GV_STREAM_SOCKET_BUFFER_FIXED = 0;

  /** {@code ArvGvStreamSocketBuffer} AUTO: SO_RCVBUF sized from the buffer size. */
  int ARV_GV_STREAM_SOCKET_BUFFER_AUTO = 1;

  /** {@code ArvGvStreamPacketResend} NEVER. */
  int ARV_GV_STREAM_PACKET_RESEND_NEVER = 0;

  /** {@code ArvGvStreamPacketResend} ALWAYS. */
  int ARV_GV_STREAM_PACKET_RESEND_ALWAYS = 1;

  /** {@code gint arv_camera_gv_get_n_stream_channels(ArvCamera *, GError **)}. */
  int arv_camera_gv_get_n_stream_channels(ArvCameraHandle camera, PointerByReference error);

  /** {@code void arv_camera_gv_select_stream_channel(ArvCamera *, gint channel_id, GError **)}. */
  void arv_camera_gv_select_stream_channel(ArvCameraHandle camera, int id, PointerByReference e);

  /** {@code void arv_camera_gv_set_packet_delay(ArvCamera *, gint64 delay_ns, GError **)}. */
  void arv_camera_gv_set_packet_delay(ArvCameraHandle camera, long ns, PointerByReference e);

  /** {@code gint64 arv_camera_gv_get_packet_delay(ArvCamera *, GError **)}: nanoseconds. */
  long arv_camera_gv_get_packet_delay(ArvCameraHandle camera, PointerByReference error);

  /**
   * {@code void arv_camera_gv_set_packet_size(ArvCamera *, gint packet_size, GError **)}: bytes.
   */
  void arv_camera_gv_set_packet_size(ArvCameraHandle camera, int bytes, PointerByReference e);

  /** {@code guint arv_camera_gv_get_packet_size(ArvCamera *, GError **)}: bytes. */
  int arv_camera_gv_get_packet_size(ArvCameraHandle camera, PointerByReference error);

  /**
   * {@code guint arv_camera_gv_auto_packet_size(ArvCamera *, GError **)}: negotiates, returns it.
   */
  int arv_camera_gv_auto_packet_size(ArvCameraHandle camera, PointerByReference error);

  /**
   * {@code void arv_camera_gv_set_packet_size_adjustment(ArvCamera *, ArvGvPacketSizeAdjustment)}.
   */
  void arv_camera_gv_set_packet_size_adjustment(ArvCameraHandle camera, int adjustment);

  /** {@code void arv_camera_gv_set_stream_options(ArvCamera *, ArvGvStreamOption options)}. */
  void arv_camera_gv_set_stream_options(ArvCameraHandle camera, int options);

  /** {@code GType arv_gv_stream_get_type(void)}: for {@code g_type_check_instance_is_a}. */
  long arv_gv_stream_get_type();

  /** {@code guint16 arv_gv_stream_get_port(ArvGvStream *)}: local UDP port of the stream. */
  short arv_gv_stream_get_port(ArvStreamHandle gvStream);

  /**
   * {@code void arv_gv_stream_get_statistics(ArvGvStream *, guint64 *resent, guint64 *missing)}.
   */
  void arv_gv_stream_get_statistics(
      ArvStreamHandle gvStream, LongByReference nResentPackets, LongByReference nMissingPackets);

  /** {@code int arv_camera_gv_get_current_stream_channel(ArvCamera *, GError **)}. */
  int arv_camera_gv_get_current_stream_channel(ArvCameraHandle camera, PointerByReference e);

  /** {@code gboolean arv_camera_gv_is_multipart_supported(ArvCamera *, GError **)}. */
  boolean arv_camera_gv_is_multipart_supported(ArvCameraHandle camera, PointerByReference e);

  /** {@code void arv_camera_gv_set_multipart(ArvCamera *, gboolean enable, GError **)}. */
  void arv_camera_gv_set_multipart(ArvCameraHandle camera, boolean enable, PointerByReference e);
}
