package io.camerabridge.bindings.raw;

import com.sun.jna.Pointer;

/** An {@code ArvChunkParser *}: reads chunk data of buffers by GenICam name; owned (unref). */
public final class ArvChunkParserHandle extends GObjectHandle {
  /** A NULL handle, filled in by JNA for return values. */
  public ArvChunkParserHandle() {}

  /** Wraps an address returned by native code. */
  public ArvChunkParserHandle(Pointer address) {
    super(address);
  }
}
