package io.camerabridge.bindings.raw;

import com.sun.jna.Pointer;

/**
 * An `ArvDevice *` (GigE, USB3 or Fake device); the one returned by {@code arv_camera_get_device}
 * is borrowed from its camera.
 */
public final class ArvDeviceHandle extends GObjectHandle {
  /** A NULL handle, filled in by JNA for return values. */
  public ArvDeviceHandle() {}

  /** Wraps an address returned by native code. */
  public ArvDeviceHandle(Pointer address) {
    super(address);
  }
}
