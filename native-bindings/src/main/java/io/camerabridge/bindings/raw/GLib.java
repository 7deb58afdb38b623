package io.camerabridge.bindings.raw;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

/** The few GLib ({@code libglib-2.0.so.0}) functions the Aravis binding needs. */
public interface GLib extends Library {
  /** Shared-object name loaded by {@link #INSTANCE}. */
  String LIBRARY = "libglib-2.0.so.0";

  /** The loaded library; initialising it throws {@link UnsatisfiedLinkError} when absent. */
  GLib INSTANCE = Native.load(LIBRARY, GLib.class);

  /**
   * {@code void g_free(gpointer mem)}: frees memory returned with transfer full; NULL is a no-op.
   */
  void g_free(Pointer mem);

  /** {@code void g_error_free(GError *error)}: frees a GError and its message. */
  void g_error_free(Pointer error);

  /** {@code const gchar *g_quark_to_string(GQuark quark)}: transfer none, interned forever. */
  String g_quark_to_string(int quark);
}
