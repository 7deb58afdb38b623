package io.camerabridge.bindings.raw;

import com.sun.jna.Callback;
import com.sun.jna.Pointer;

/**
 * {@code void (*GToggleNotify)(gpointer data, GObject *object, gboolean is_last_ref)}: called by
 * {@code g_object_ref}/{@code g_object_unref} on the thread that changes the count, when the toggle
 * reference becomes the only one ({@code isLastRef} true) or stops being it (false). Keep it
 * strongly reachable until {@code g_object_remove_toggle_ref}.
 */
public interface GToggleNotify extends Callback {
  /** Called by GObject; must not throw. */
  void invoke(Pointer data, Pointer object, boolean isLastRef);
}
