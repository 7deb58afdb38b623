package io.camerabridge.bindings.raw;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.DoubleByReference;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.PointerByReference;

/**
 * {@code arvcamera.h}, part 2: GenICam features by name. Unknown names fail with ArvDeviceError
 * FEATURE_NOT_FOUND (1), a getter/setter of the wrong type with WRONG_FEATURE (0).
 */
public interface ArvCameraFeatureFunctions {
  /** {@code void arv_camera_execute_command(ArvCamera *, const char *feature, GError **)}. */
  void arv_camera_execute_command(ArvCameraHandle camera, String feature, PointerByReference e);

  /** {@code void arv_camera_set_boolean(ArvCamera *, const char *, gboolean, GError **)}. */
  void arv_camera_set_boolean(
      ArvCameraHandle camera, String feature, boolean value, PointerByReference error);

  /** {@code gboolean arv_camera_get_boolean(ArvCamera *, const char *, GError **)}. */
  boolean arv_camera_get_boolean(ArvCameraHandle camera, String feature, PointerByReference e);

  /** {@code void arv_camera_set_string(ArvCamera *, const char *, const char *, GError **)}. */
  void arv_camera_set_string(
      ArvCameraHandle camera, String feature, String value, PointerByReference error);

  /** {@code const char *arv_camera_get_string(ArvCamera *, const char *, GError **)}: none. */
  String arv_camera_get_string(ArvCameraHandle camera, String feature, PointerByReference e);

  /** {@code void arv_camera_set_integer(ArvCamera *, const char *, gint64, GError **)}. */
  void arv_camera_set_integer(
      ArvCameraHandle camera, String feature, long value, PointerByReference error);

  /** {@code gint64 arv_camera_get_integer(ArvCamera *, const char *, GError **)}. */
  long arv_camera_get_integer(ArvCameraHandle camera, String feature, PointerByReference e);

  /**
   * {@code void arv_camera_get_integer_bounds(ArvCamera *, const char *, gint64 *, gint64 *, ...)}.
   */
  void arv_camera_get_integer_bounds(
      ArvCameraHandle camera,
      String feature,
      LongByReference min,
      LongByReference max,
      PointerByReference error);

  /** {@code gint64 arv_camera_get_integer_increment(ArvCamera *, const char *, GError **)}. */
  long arv_camera_get_integer_increment(
      ArvCameraHandle camera, String feature, PointerByReference e);

  /** {@code void arv_camera_set_float(ArvCamera *, const char *, double, GError **)}. */
  void arv_camera_set_float(
      ArvCameraHandle camera, String feature, double value, PointerByReference error);

  /** {@code double arv_camera_get_float(ArvCamera *, const char *, GError **)}. */
  double arv_camera_get_float(ArvCameraHandle camera, String feature, PointerByReference e);

  /**
   * {@code void arv_camera_get_float_bounds(ArvCamera *, const char *, double *, double *, ...)}.
   */
  void arv_camera_get_float_bounds(
      ArvCameraHandle camera,
      String feature,
      DoubleByReference min,
      DoubleByReference max,
      PointerByReference error);

  /**
   * {@code const char **arv_camera_dup_available_enumerations_as_strings(ArvCamera *, const char *,
   * guint *n, GError **)}: transfer container ({@code g_free} the array, not the strings).
   */
  Pointer arv_camera_dup_available_enumerations_as_strings(
      ArvCameraHandle camera, String feature, IntByReference n, PointerByReference error);

  /**
   * {@code gboolean arv_camera_is_enumeration_entry_available(ArvCamera *, feature, entry, ...)}.
   */
  boolean arv_camera_is_enumeration_entry_available(
      ArvCameraHandle camera, String feature, String entry, PointerByReference error);

  /** {@code gboolean arv_camera_is_feature_available(ArvCamera *, const char *, GError **)}. */
  boolean arv_camera_is_feature_available(
      ArvCameraHandle camera, String feature, PointerByReference error);

  /** {@code gboolean arv_camera_is_feature_implemented(ArvCamera *, const char *, GError **)}. */
  boolean arv_camera_is_feature_implemented(
      ArvCameraHandle camera, String feature, PointerByReference error);

  /** {@code double arv_camera_get_float_increment(ArvCamera *, const char *, GError **)}. */
  double arv_camera_get_float_increment(
      ArvCameraHandle camera, String feature, PointerByReference error);

  /**
   * {@code gint64 *arv_camera_dup_available_enumerations(ArvCamera *, const char *, guint *n,
   * GError **)}: entry values; transfer full, {@code g_free} it.
   */
  Pointer arv_camera_dup_available_enumerations(
      ArvCameraHandle camera, String feature, IntByReference n, PointerByReference error);

  /**
   * {@code const char **arv_camera_dup_available_enumerations_as_display_names(ArvCamera *, const
   * char *, guint *n, GError **)}: transfer container.
   */
  Pointer arv_camera_dup_available_enumerations_as_display_names(
      ArvCameraHandle camera, String feature, IntByReference n, PointerByReference error);
}
