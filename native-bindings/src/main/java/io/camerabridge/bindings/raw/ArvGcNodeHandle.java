package io.camerabridge.bindings.raw;

import com.sun.jna.Pointer;

/**
 * An {@code ArvGcNode *} (or the {@code ArvGc *} document itself): a GObject owned by the device's
 * GenICam tree, borrowed (transfer none) for as long as the device lives.
 */
public final class ArvGcNodeHandle extends GObjectHandle {
  /** A NULL handle, filled in by JNA for return values. */
  public ArvGcNodeHandle() {}

  /** Wraps an address returned by native code. */
  public ArvGcNodeHandle(Pointer address) {
    super(address);
  }
}
