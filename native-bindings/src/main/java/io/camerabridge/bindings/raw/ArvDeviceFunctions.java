package io.camerabridge.bindings.raw;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;

/** {@code arvdevice.h}: the device-level calls the binding uses beyond ArvCamera. */
public interface ArvDeviceFunctions {
  /** {@code ArvDeviceError} codes (domain {@code arv-device-error-quark}). */
  int ARV_DEVICE_ERROR_WRONG_FEATURE = 0;

  /** Feature name not in the GenICam description. */
  int ARV_DEVICE_ERROR_FEATURE_NOT_FOUND = 1;

  /** Device not connected. */
  int ARV_DEVICE_ERROR_NOT_CONNECTED = 2;

  /** Device did not answer in time. */
  int ARV_DEVICE_ERROR_TIMEOUT = 5;

  /** No device matched the name given to open. */
  int ARV_DEVICE_ERROR_NOT_FOUND = 6;

  /** Another application controls the device. */
  int ARV_DEVICE_ERROR_NOT_CONTROLLER = 10;

  /** {@code gboolean arv_device_set_features_from_string(ArvDevice *, const char *, GError **)}. */
  boolean arv_device_set_features_from_string(
      ArvDeviceHandle device, String features, PointerByReference error);

  /** {@code gboolean arv_device_is_feature_available(ArvDevice *, const char *, GError **)}. */
  boolean arv_device_is_feature_available(
      ArvDeviceHandle device, String feature, PointerByReference error);

  /** {@code void arv_device_execute_command(ArvDevice *, const char *feature, GError **)}. */
  void arv_device_execute_command(ArvDeviceHandle device, String feature, PointerByReference e);

  /** {@code const char *arv_device_get_string_feature_value(ArvDevice *, feature, GError **)}. */
  String arv_device_get_string_feature_value(
      ArvDeviceHandle device, String feature, PointerByReference error);

  /** {@code void arv_device_set_string_feature_value(ArvDevice *, feature, value, GError **)}. */
  void arv_device_set_string_feature_value(
      ArvDeviceHandle device, String feature, String value, PointerByReference error);

  /** {@code gint64 arv_device_get_integer_feature_value(ArvDevice *, feature, GError **)}. */
  long arv_device_get_integer_feature_value(
      ArvDeviceHandle device, String feature, PointerByReference error);

  /** {@code void arv_device_set_integer_feature_value(ArvDevice *, feature, gint64, GError **)}. */
  void arv_device_set_integer_feature_value(
      ArvDeviceHandle device, String feature, long value, PointerByReference error);

  /** {@code double arv_device_get_float_feature_value(ArvDevice *, feature, GError **)}. */
  double arv_device_get_float_feature_value(
      ArvDeviceHandle device, String feature, PointerByReference error);

  /** {@code void arv_device_set_float_feature_value(ArvDevice *, feature, double, GError **)}. */
  void arv_device_set_float_feature_value(
      ArvDeviceHandle device, String feature, double value, PointerByReference error);

  /** {@code gboolean arv_device_get_boolean_feature_value(ArvDevice *, feature, GError **)}. */
  boolean arv_device_get_boolean_feature_value(
      ArvDeviceHandle device, String feature, PointerByReference error);

  /** {@code void arv_device_set_boolean_feature_value(ArvDevice *, feature, gboolean, ...)}. */
  void arv_device_set_boolean_feature_value(
      ArvDeviceHandle device, String feature, boolean value, PointerByReference error);

  /** {@code gboolean arv_device_is_feature_implemented(ArvDevice *, feature, GError **)}. */
  boolean arv_device_is_feature_implemented(
      ArvDeviceHandle device, String feature, PointerByReference error);

  /**
   * {@code ArvGcAccessMode arv_device_get_feature_access_mode(ArvDevice *, const char *feature)}:
   * RO 0, WO 1, RW 2, undefined -1.
   */
  int arv_device_get_feature_access_mode(ArvDeviceHandle device, String feature);

  /**
   * {@code ArvStream *arv_device_create_stream(ArvDevice *, ArvStreamCallback, void *user_data,
   * GError **)}: transfer full.
   */
  ArvStreamHandle arv_device_create_stream(
      ArvDeviceHandle device,
      ArvStreamCallback callback,
      Pointer userData,
      PointerByReference error);
}
