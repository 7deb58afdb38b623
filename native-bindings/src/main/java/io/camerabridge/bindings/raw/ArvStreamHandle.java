package io.camerabridge.bindings.raw;

import com.sun.jna.Pointer;

/**
 * An `ArvStream *`: owns a receiving thread and two buffer queues; the push/pop functions are
 * thread-safe.
 */
public final class ArvStreamHandle extends GObjectHandle {
  /** A NULL handle, filled in by JNA for return values. */
  public ArvStreamHandle() {}

  /** Wraps an address returned by native code. */
  public ArvStreamHandle(Pointer address) {
    super(address);
  }
}
