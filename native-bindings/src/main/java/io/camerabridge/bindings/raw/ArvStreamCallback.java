package io.camerabridge.bindings.raw;

import com.sun.jna.Callback;
import com.sun.jna.Pointer;

/**
 * {@code void (*ArvStreamCallback)(void *user_data, ArvStreamCallbackType type, ArvBuffer
 * *buffer)}: runs on the stream's receiving thread; only push/pop are safe inside. Must stay
 * strongly reachable until {@code g_object_unref(stream)} returned (EXIT fires inside it).
 */
public interface ArvStreamCallback extends Callback {
  /** INIT: once, on the stream thread before its loop. */
  int INIT = 0;

  /** EXIT: once, while the thread stops. */
  int EXIT = 1;

  /** START_BUFFER: a buffer starts filling (buffer may be NULL). */
  int START_BUFFER = 2;

  /** BUFFER_DONE: a buffer was pushed to the output queue. */
  int BUFFER_DONE = 3;

  /** Called by Aravis; {@code buffer} is NULL except for BUFFER_DONE. */
  void invoke(Pointer userData, int type, ArvBufferHandle buffer);
}
