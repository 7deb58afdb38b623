package io.camerabridge.bindings.raw;

import com.sun.jna.Callback;
import com.sun.jna.Pointer;

/** {@code void (*GDestroyNotify)(gpointer data)}: called once when native code drops data. */
public interface GDestroyNotify extends Callback {
  /** Called by native code with the user data registered alongside this notify. */
  void invoke(Pointer data);
}
