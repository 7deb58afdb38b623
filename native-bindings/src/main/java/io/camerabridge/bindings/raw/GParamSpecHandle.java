package io.camerabridge.bindings.raw;

import com.sun.jna.Pointer;
import com.sun.jna.PointerType;

/**
 * A {@code GParamSpec *} describing one GObject property; owned by the object's class (transfer
 * none), valid for the process lifetime.
 */
public final class GParamSpecHandle extends PointerType {
  /** Byte offset of {@code GType value_type} in {@code GParamSpec} on LP64 (measured). */
  private static final long VALUE_TYPE_OFFSET = 24;

  /** A NULL handle, filled in by JNA for return values. */
  public GParamSpecHandle() {}

  /** Wraps an address returned by native code. */
  public GParamSpecHandle(Pointer address) {
    super(address);
  }

  /** The property's GType ({@code pspec->value_type}). */
  public long valueType() {
    return getPointer().getLong(VALUE_TYPE_OFFSET);
  }
}
