package io.camerabridge.bindings.raw;

import com.sun.jna.ptr.DoubleByReference;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.PointerByReference;

/**
 * {@code arvcamera.h}, part 3: automatic modes ({@code ArvAuto}: OFF 0, ONCE 1, CONTINUOUS 2),
 * black level, binning and offset increments, frame count, GenICam policies and USB3 Vision.
 */
public interface ArvCameraControlFunctions {
  /** {@code ArvAuto} OFF. */
  int ARV_AUTO_OFF = 0;

  /** {@code ArvAuto} ONCE. */
  int ARV_AUTO_ONCE = 1;

  /** {@code ArvAuto} CONTINUOUS. */
  int ARV_AUTO_CONTINUOUS = 2;

  /** {@code gboolean arv_camera_is_exposure_auto_available(ArvCamera *, GError **)}. */
  boolean arv_camera_is_exposure_auto_available(ArvCameraHandle camera, PointerByReference e);

  /** {@code ArvAuto arv_camera_get_exposure_time_auto(ArvCamera *, GError **)}. */
  int arv_camera_get_exposure_time_auto(ArvCameraHandle camera, PointerByReference error);

  /** {@code void arv_camera_set_exposure_mode(ArvCamera *, ArvExposureMode, GError **)}. */
  void arv_camera_set_exposure_mode(ArvCameraHandle camera, int mode, PointerByReference error);

  /** {@code gboolean arv_camera_is_gain_auto_available(ArvCamera *, GError **)}. */
  boolean arv_camera_is_gain_auto_available(ArvCameraHandle camera, PointerByReference error);

  /** {@code ArvAuto arv_camera_get_gain_auto(ArvCamera *, GError **)}. */
  int arv_camera_get_gain_auto(ArvCameraHandle camera, PointerByReference error);

  /** {@code gboolean arv_camera_is_black_level_available(ArvCamera *, GError **)}. */
  boolean arv_camera_is_black_level_available(ArvCameraHandle camera, PointerByReference error);

  /** {@code void arv_camera_set_black_level(ArvCamera *, double blacklevel, GError **)}. */
  void arv_camera_set_black_level(ArvCameraHandle camera, double level, PointerByReference e);

  /** {@code double arv_camera_get_black_level(ArvCamera *, GError **)}. */
  double arv_camera_get_black_level(ArvCameraHandle camera, PointerByReference error);

  /** {@code void arv_camera_get_black_level_bounds(ArvCamera *, double *min, double *max, ...)}. */
  void arv_camera_get_black_level_bounds(
      ArvCameraHandle camera, DoubleByReference min, DoubleByReference max, PointerByReference e);

  /** {@code void arv_camera_set_black_level_auto(ArvCamera *, ArvAuto, GError **)}. */
  void arv_camera_set_black_level_auto(ArvCameraHandle camera, int mode, PointerByReference e);

  /** {@code void arv_camera_get_x_binning_bounds(ArvCamera *, gint *min, gint *max, GError **)}. */
  void arv_camera_get_x_binning_bounds(
      ArvCameraHandle camera, IntByReference min, IntByReference max, PointerByReference error);

  /** {@code void arv_camera_get_y_binning_bounds(ArvCamera *, gint *min, gint *max, GError **)}. */
  void arv_camera_get_y_binning_bounds(
      ArvCameraHandle camera, IntByReference min, IntByReference max, PointerByReference error);

  /** {@code gint arv_camera_get_x_offset_increment(ArvCamera *, GError **)}. */
  int arv_camera_get_x_offset_increment(ArvCameraHandle camera, PointerByReference error);

  /** {@code gint arv_camera_get_y_offset_increment(ArvCamera *, GError **)}. */
  int arv_camera_get_y_offset_increment(ArvCameraHandle camera, PointerByReference error);

  /** {@code gboolean arv_camera_is_region_offset_available(ArvCamera *, GError **)}. */
  boolean arv_camera_is_region_offset_available(ArvCameraHandle camera, PointerByReference e);

  /** {@code gint64 arv_camera_get_frame_count(ArvCamera *, GError **)}: MultiFrame count. */
  long arv_camera_get_frame_count(ArvCameraHandle camera, PointerByReference error);

  /** {@code void arv_camera_get_frame_count_bounds(ArvCamera *, gint64 *min, gint64 *max, ...)}. */
  void arv_camera_get_frame_count_bounds(
      ArvCameraHandle camera, LongByReference min, LongByReference max, PointerByReference e);

  /** {@code void arv_camera_set_register_cache_policy(ArvCamera *, ArvRegisterCachePolicy)}. */
  void arv_camera_set_register_cache_policy(ArvCameraHandle camera, int policy);

  /** {@code void arv_camera_set_range_check_policy(ArvCamera *, ArvRangeCheckPolicy)}. */
  void arv_camera_set_range_check_policy(ArvCameraHandle camera, int policy);

  /** {@code void arv_camera_set_access_check_policy(ArvCamera *, ArvAccessCheckPolicy)}. */
  void arv_camera_set_access_check_policy(ArvCameraHandle camera, int policy);

  /** {@code gboolean arv_camera_uv_is_bandwidth_control_available(ArvCamera *, GError **)}. */
  boolean arv_camera_uv_is_bandwidth_control_available(
      ArvCameraHandle camera, PointerByReference error);

  /** {@code void arv_camera_uv_set_bandwidth(ArvCamera *, guint bandwidth, GError **)}. */
  void arv_camera_uv_set_bandwidth(ArvCameraHandle camera, int bandwidth, PointerByReference e);

  /** {@code guint arv_camera_uv_get_bandwidth(ArvCamera *, GError **)}. */
  int arv_camera_uv_get_bandwidth(ArvCameraHandle camera, PointerByReference error);

  /** {@code void arv_camera_uv_get_bandwidth_bounds(ArvCamera *, guint *min, guint *max, ...)}. */
  void arv_camera_uv_get_bandwidth_bounds(
      ArvCameraHandle camera, IntByReference min, IntByReference max, PointerByReference error);

  /** {@code void arv_camera_uv_set_usb_mode(ArvCamera *, ArvUvUsbMode)}: SYNC 0, ASYNC 1. */
  void arv_camera_uv_set_usb_mode(ArvCameraHandle camera, int usbMode);
}
