package io.camerabridge.bindings.raw;

import com.sun.jna.Callback;
import com.sun.jna.Pointer;

/**
 * Handler for ArvDevice's {@code "control-lost"} signal, {@code void (*)(ArvDevice *device,
 * gpointer user_data)}. Emitted on an Aravis thread (GigE heartbeat, libusb events): do not call
 * Aravis from it. Keep it strongly reachable until {@code g_signal_handler_disconnect}.
 */
public interface ControlLostCallback extends Callback {
  /** Called by GObject signal emission. */
  void invoke(Pointer device, Pointer userData);
}
