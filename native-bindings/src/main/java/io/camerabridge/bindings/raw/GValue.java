package io.camerabridge.bindings.raw;

import com.sun.jna.Structure;

/**
 * {@code GValue} (24 bytes on LP64: a GType and a two-word union). Zero-initialise, then {@link
 * GObject#g_value_init}; always {@link GObject#g_value_unset} after use.
 */
@Structure.FieldOrder({"g_type", "data0", "data1"})
public final class GValue extends Structure {
  /** GType held, 0 while uninitialised. */
  public long g_type;

  /** First word of the value union. */
  public long data0;

  /** Second word of the value union. */
  public long data1;

  /** A zeroed value ready for {@code g_value_init}. */
  public GValue() {}
}
