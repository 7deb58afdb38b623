package io.camerabridge.bindings.raw;

import com.sun.jna.Pointer;

/**
 * An `ArvBuffer *`: one frame's memory and metadata; owned by the stream while queued, by the
 * caller once popped.
 */
public final class ArvBufferHandle extends GObjectHandle {
  /** A NULL handle, filled in by JNA for return values. */
  public ArvBufferHandle() {}

  /** Wraps an address returned by native code. */
  public ArvBufferHandle(Pointer address) {
    super(address);
  }
}
