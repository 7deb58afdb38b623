package io.camerabridge.bindings.raw;

import com.sun.jna.Pointer;
import com.sun.jna.PointerType;

/**
 * Address of any GObject instance (`GObject *`); what ArvCamera, ArvDevice, ArvStream and ArvBuffer
 * handles share, so that {@code g_object_ref/unref} accept them.
 */
public class GObjectHandle extends PointerType {
  /** A NULL handle, filled in by JNA for return values. */
  public GObjectHandle() {}

  /** Wraps an address returned by native code. */
  public GObjectHandle(Pointer address) {
    super(address);
  }
}
