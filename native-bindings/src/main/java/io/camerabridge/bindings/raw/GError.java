package io.camerabridge.bindings.raw;

import com.sun.jna.Pointer;
import com.sun.jna.Structure;

/**
 * {@code struct GError { GQuark domain; gint code; gchar *message; }}, read from the pointer a
 * failing call stored in its {@code GError **} argument. Free it with {@link GLib#g_error_free}
 * after reading.
 */
@Structure.FieldOrder({"domain", "code", "message"})
public final class GError extends Structure {
  /** Error domain quark; {@link GLib#g_quark_to_string} names it. */
  public int domain;

  /** Domain-specific code, for Aravis devices an {@code ArvDeviceError}. */
  public int code;

  /** UTF-8 message owned by the GError. */
  public Pointer message;

  /** Reads the GError at {@code address}. */
  public GError(Pointer address) {
    super(address);
    read();
  }

  /** The message, or an empty string when NULL. */
  public String messageText() {
    return message == null ? "" : message.getString(0, "UTF-8");
  }
}
