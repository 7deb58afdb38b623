package io.camerabridge.bindings.raw;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.DoubleByReference;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;

/**
 * {@code arvcamera.h}, part 1: construction, identity, streams and the typed helpers that hide
 * vendor feature names (region, binning, pixel format, acquisition, frame rate, trigger, exposure,
 * gain). Sizes and offsets are pixels, exposure microseconds, frame rate Hz.
 */
public interface ArvCameraFunctions {
  /**
   * {@code ArvCamera *arv_camera_new(const char *name, GError **error)}: transfer full; {@code
   * name} is a device id, IP address, MAC or user id; NULL opens the first device.
   */
  ArvCameraHandle arv_camera_new(String name, PointerByReference error);

  /** {@code ArvCamera *arv_camera_new_with_device(ArvDevice *device, GError **error)}. */
  ArvCameraHandle arv_camera_new_with_device(ArvDeviceHandle device, PointerByReference error);

  /** {@code ArvDevice *arv_camera_get_device(ArvCamera *camera)}: transfer none (borrowed). */
  ArvDeviceHandle arv_camera_get_device(ArvCameraHandle camera);

  /**
   * {@code ArvStream *arv_camera_create_stream(ArvCamera *camera, ArvStreamCallback callback, void
   * *user_data, GError **error)}: transfer full; the receiving thread starts inside; callback
   * nullable.
   */
  ArvStreamHandle arv_camera_create_stream(
      ArvCameraHandle camera,
      ArvStreamCallback callback,
      Pointer userData,
      PointerByReference error);

  /**
   * {@code ArvStream *arv_camera_create_stream_full(ArvCamera *camera, ArvStreamCallback callback,
   * void *user_data, GDestroyNotify destroy, GError **error)} (0.8.23+): {@code destroy} runs on
   * {@code user_data} at stream finalize.
   */
  ArvStreamHandle arv_camera_create_stream_full(
      ArvCameraHandle camera,
      ArvStreamCallback callback,
      Pointer userData,
      GDestroyNotify destroy,
      PointerByReference error);

  /** {@code const char *arv_camera_get_vendor_name(ArvCamera *, GError **)}: transfer none. */
  String arv_camera_get_vendor_name(ArvCameraHandle camera, PointerByReference error);

  /** {@code const char *arv_camera_get_model_name(ArvCamera *, GError **)}: transfer none. */
  String arv_camera_get_model_name(ArvCameraHandle camera, PointerByReference error);

  /** {@code const char *arv_camera_get_device_serial_number(ArvCamera *, GError **)}. */
  String arv_camera_get_device_serial_number(ArvCameraHandle camera, PointerByReference error);

  /** {@code const char *arv_camera_get_device_id(ArvCamera *, GError **)}: transfer none. */
  String arv_camera_get_device_id(ArvCameraHandle camera, PointerByReference error);

  /** {@code gboolean arv_camera_is_gv_device(ArvCamera *camera)}: GigE Vision camera. */
  boolean arv_camera_is_gv_device(ArvCameraHandle camera);

  /** {@code gboolean arv_camera_is_uv_device(ArvCamera *camera)}: USB3 Vision camera. */
  boolean arv_camera_is_uv_device(ArvCameraHandle camera);

  /** {@code void arv_camera_get_sensor_size(ArvCamera *, gint *width, gint *height, GError **)}. */
  void arv_camera_get_sensor_size(
      ArvCameraHandle camera, IntByReference width, IntByReference height, PointerByReference e);

  /** {@code void arv_camera_set_region(ArvCamera *, gint x, gint y, gint w, gint h, GError **)}. */
  void arv_camera_set_region(
      ArvCameraHandle camera, int x, int y, int width, int height, PointerByReference error);

  /** {@code void arv_camera_get_region(ArvCamera *, gint *x, gint *y, gint *w, gint *h, ...)}. */
  void arv_camera_get_region(
      ArvCameraHandle camera,
      IntByReference x,
      IntByReference y,
      IntByReference width,
      IntByReference height,
      PointerByReference error);

  /** {@code void arv_camera_get_x_offset_bounds(ArvCamera *, gint *min, gint *max, GError **)}. */
  void arv_camera_get_x_offset_bounds(
      ArvCameraHandle camera, IntByReference min, IntByReference max, PointerByReference error);

  /** {@code void arv_camera_get_y_offset_bounds(ArvCamera *, gint *min, gint *max, GError **)}. */
  void arv_camera_get_y_offset_bounds(
      ArvCameraHandle camera, IntByReference min, IntByReference max, PointerByReference error);

  /** {@code void arv_camera_get_width_bounds(ArvCamera *, gint *min, gint *max, GError **)}. */
  void arv_camera_get_width_bounds(
      ArvCameraHandle camera, IntByReference min, IntByReference max, PointerByReference error);

  /** {@code void arv_camera_get_height_bounds(ArvCamera *, gint *min, gint *max, GError **)}. */
  void arv_camera_get_height_bounds(
      ArvCameraHandle camera, IntByReference min, IntByReference max, PointerByReference error);

  /** {@code gint arv_camera_get_width_increment(ArvCamera *, GError **)}. */
  int arv_camera_get_width_increment(ArvCameraHandle camera, PointerByReference error);

  /** {@code gint arv_camera_get_height_increment(ArvCamera *, GError **)}. */
  int arv_camera_get_height_increment(ArvCameraHandle camera, PointerByReference error);

  /** {@code void arv_camera_set_binning(ArvCamera *, gint dx, gint dy, GError **)}: -1 keeps. */
  void arv_camera_set_binning(ArvCameraHandle camera, int dx, int dy, PointerByReference error);

  /** {@code void arv_camera_get_binning(ArvCamera *, gint *dx, gint *dy, GError **)}. */
  void arv_camera_get_binning(
      ArvCameraHandle camera, IntByReference dx, IntByReference dy, PointerByReference error);

  /** {@code gboolean arv_camera_is_binning_available(ArvCamera *, GError **)}. */
  boolean arv_camera_is_binning_available(ArvCameraHandle camera, PointerByReference error);

  /** {@code void arv_camera_set_pixel_format(ArvCamera *, ArvPixelFormat, GError **)}. */
  void arv_camera_set_pixel_format(ArvCameraHandle camera, int format, PointerByReference error);

  /** {@code void arv_camera_set_pixel_format_from_string(ArvCamera *, const char *, GError **)}. */
  void arv_camera_set_pixel_format_from_string(
      ArvCameraHandle camera, String format, PointerByReference error);

  /** {@code ArvPixelFormat arv_camera_get_pixel_format(ArvCamera *, GError **)}. */
  int arv_camera_get_pixel_format(ArvCameraHandle camera, PointerByReference error);

  /** {@code const char *arv_camera_get_pixel_format_as_string(ArvCamera *, GError **)}. */
  String arv_camera_get_pixel_format_as_string(ArvCameraHandle camera, PointerByReference error);

  /**
   * {@code gint64 *arv_camera_dup_available_pixel_formats(ArvCamera *, guint *n, GError **)}:
   * transfer full array, {@code g_free} it.
   */
  Pointer arv_camera_dup_available_pixel_formats(
      ArvCameraHandle camera, IntByReference n, PointerByReference error);

  /**
   * {@code const char **arv_camera_dup_available_pixel_formats_as_strings(ArvCamera *, guint *n,
   * GError **)}: transfer container, {@code g_free} the array only.
   */
  Pointer arv_camera_dup_available_pixel_formats_as_strings(
      ArvCameraHandle camera, IntByReference n, PointerByReference error);

  /** {@code void arv_camera_start_acquisition(ArvCamera *, GError **)}: AcquisitionStart. */
  void arv_camera_start_acquisition(ArvCameraHandle camera, PointerByReference error);

  /** {@code void arv_camera_stop_acquisition(ArvCamera *, GError **)}: AcquisitionStop. */
  void arv_camera_stop_acquisition(ArvCameraHandle camera, PointerByReference error);

  /** {@code void arv_camera_abort_acquisition(ArvCamera *, GError **)}: AcquisitionAbort. */
  void arv_camera_abort_acquisition(ArvCameraHandle camera, PointerByReference error);

  /** {@code void arv_camera_set_acquisition_mode(ArvCamera *, ArvAcquisitionMode, GError **)}. */
  void arv_camera_set_acquisition_mode(ArvCameraHandle camera, int mode, PointerByReference e);

  /** {@code ArvAcquisitionMode arv_camera_get_acquisition_mode(ArvCamera *, GError **)}. */
  int arv_camera_get_acquisition_mode(ArvCameraHandle camera, PointerByReference error);

  /** {@code void arv_camera_set_frame_count(ArvCamera *, gint64 frame_count, GError **)}. */
  void arv_camera_set_frame_count(ArvCameraHandle camera, long count, PointerByReference error);

  /** {@code gboolean arv_camera_is_frame_rate_available(ArvCamera *, GError **)}. */
  boolean arv_camera_is_frame_rate_available(ArvCameraHandle camera, PointerByReference error);

  /** {@code void arv_camera_set_frame_rate(ArvCamera *, double frame_rate, GError **)}: Hz. */
  void arv_camera_set_frame_rate(ArvCameraHandle camera, double hz, PointerByReference error);

  /** {@code double arv_camera_get_frame_rate(ArvCamera *, GError **)}: Hz. */
  double arv_camera_get_frame_rate(ArvCameraHandle camera, PointerByReference error);

  /** {@code void arv_camera_get_frame_rate_bounds(ArvCamera *, double *min, double *max, ...)}. */
  void arv_camera_get_frame_rate_bounds(
      ArvCameraHandle camera, DoubleByReference min, DoubleByReference max, PointerByReference e);

  /**
   * {@code void arv_camera_set_trigger(ArvCamera *, const char *source, GError **)}: FrameStart
   * trigger on {@code source} ("Software", "Line1"...), rising edge, frame rate control off.
   */
  void arv_camera_set_trigger(ArvCameraHandle camera, String source, PointerByReference error);

  /** {@code void arv_camera_set_trigger_source(ArvCamera *, const char *source, GError **)}. */
  void arv_camera_set_trigger_source(ArvCameraHandle camera, String src, PointerByReference e);

  /** {@code const char *arv_camera_get_trigger_source(ArvCamera *, GError **)}. */
  String arv_camera_get_trigger_source(ArvCameraHandle camera, PointerByReference error);

  /** {@code const char **arv_camera_dup_available_trigger_sources(ArvCamera *, guint *n, ...)}. */
  Pointer arv_camera_dup_available_trigger_sources(
      ArvCameraHandle camera, IntByReference n, PointerByReference error);

  /** {@code void arv_camera_clear_triggers(ArvCamera *, GError **)}: TriggerMode Off everywhere. */
  void arv_camera_clear_triggers(ArvCameraHandle camera, PointerByReference error);

  /** {@code gboolean arv_camera_is_software_trigger_supported(ArvCamera *, GError **)}. */
  boolean arv_camera_is_software_trigger_supported(ArvCameraHandle camera, PointerByReference e);

  /** {@code void arv_camera_software_trigger(ArvCamera *, GError **)}: TriggerSoftware. */
  void arv_camera_software_trigger(ArvCameraHandle camera, PointerByReference error);

  /** {@code gboolean arv_camera_is_exposure_time_available(ArvCamera *, GError **)}. */
  boolean arv_camera_is_exposure_time_available(ArvCameraHandle camera, PointerByReference e);

  /**
   * {@code void arv_camera_set_exposure_time(ArvCamera *, double us, GError **)}: &lt;= 0 ignored.
   */
  void arv_camera_set_exposure_time(ArvCameraHandle camera, double us, PointerByReference error);

  /** {@code double arv_camera_get_exposure_time(ArvCamera *, GError **)}: microseconds. */
  double arv_camera_get_exposure_time(ArvCameraHandle camera, PointerByReference error);

  /**
   * {@code void arv_camera_get_exposure_time_bounds(ArvCamera *, double *min, double *max, ...)}.
   */
  void arv_camera_get_exposure_time_bounds(
      ArvCameraHandle camera, DoubleByReference min, DoubleByReference max, PointerByReference e);

  /** {@code void arv_camera_set_exposure_time_auto(ArvCamera *, ArvAuto, GError **)}. */
  void arv_camera_set_exposure_time_auto(ArvCameraHandle camera, int mode, PointerByReference e);

  /** {@code gboolean arv_camera_is_gain_available(ArvCamera *, GError **)}. */
  boolean arv_camera_is_gain_available(ArvCameraHandle camera, PointerByReference error);

  /** {@code void arv_camera_set_gain(ArvCamera *, double gain, GError **)}: &lt; 0 ignored. */
  void arv_camera_set_gain(ArvCameraHandle camera, double gain, PointerByReference error);

  /** {@code double arv_camera_get_gain(ArvCamera *, GError **)}. */
  double arv_camera_get_gain(ArvCameraHandle camera, PointerByReference error);

  /** {@code void arv_camera_get_gain_bounds(ArvCamera *, double *min, double *max, GError **)}. */
  void arv_camera_get_gain_bounds(
      ArvCameraHandle camera, DoubleByReference min, DoubleByReference max, PointerByReference e);

  /** {@code void arv_camera_set_gain_auto(ArvCamera *, ArvAuto, GError **)}. */
  void arv_camera_set_gain_auto(ArvCameraHandle camera, int mode, PointerByReference error);

  /** {@code guint arv_camera_get_payload(ArvCamera *, GError **)}: bytes per buffer. */
  int arv_camera_get_payload(ArvCameraHandle camera, PointerByReference error);

  /** {@code const char **arv_camera_dup_available_triggers(ArvCamera *, guint *n, GError **)}. */
  Pointer arv_camera_dup_available_triggers(
      ArvCameraHandle camera, IntByReference n, PointerByReference error);

  /** {@code ArvBuffer *arv_camera_acquisition(ArvCamera *, guint64 timeout_us, GError **)}. */
  ArvBufferHandle arv_camera_acquisition(
      ArvCameraHandle camera, long timeoutMicros, PointerByReference error);
}
