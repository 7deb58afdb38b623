package io.camerabridge.bindings.raw;

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
}
