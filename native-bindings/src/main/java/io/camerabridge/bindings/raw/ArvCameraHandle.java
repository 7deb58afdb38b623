package io.camerabridge.bindings.raw;

import com.sun.jna.Pointer;

/**
 * An `ArvCamera *`: a GObject owning one ArvDevice; not thread-safe (serialise calls per camera).
 */
public final class ArvCameraHandle extends GObjectHandle {
  /** A NULL handle, filled in by JNA for return values. */
  public ArvCameraHandle() {}

  /** Wraps an address returned by native code. */
  public ArvCameraHandle(Pointer address) {
    super(address);
  }
}
