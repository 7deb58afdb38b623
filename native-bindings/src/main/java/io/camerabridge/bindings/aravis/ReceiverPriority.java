package io.camerabridge.bindings.aravis;

import com.sun.jna.CallbackThreadInitializer;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import io.camerabridge.bindings.raw.ArvBufferHandle;
import io.camerabridge.bindings.raw.ArvStreamCallback;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stream callback that raises the priority of Aravis's receiving thread, from that thread, when it
 * starts ({@code ARV_STREAM_CALLBACK_TYPE_INIT}) — the only way: both Aravis functions act on the
 * calling thread. It does nothing else, so no frame work runs on Aravis's thread.
 *
 * <p>The JNA callback stays attached to the thread for its lifetime (one attach, not two per frame)
 * and is pinned in a static set until the stream is released, because a collected callback crashes
 * the VM.
 */
final class ReceiverPriority implements ArvStreamCallback {
  private static final Logger LOG = LoggerFactory.getLogger(ReceiverPriority.class);
  private static final Set<ReceiverPriority> PINNED = ConcurrentHashMap.newKeySet();

  /** Outcome of the priority change, known once the receiving thread started. */
  enum Outcome {
    PENDING,
    RAISED,
    REFUSED
  }

  private final int realtimePriority;
  private final String streamName;
  private final AtomicReference<Outcome> outcome = new AtomicReference<>(Outcome.PENDING);

  ReceiverPriority(int realtimePriority, String streamName) {
    this.realtimePriority = realtimePriority;
    this.streamName = streamName;
    Native.setCallbackThreadInitializer(
        this, new CallbackThreadInitializer(true, false, "arv-receiver"));
    PINNED.add(this);
  }

  Outcome outcome() {
    return outcome.get();
  }

  /** Call after {@code g_object_unref(stream)} returned: Aravis will not call back any more. */
  void unpin() {
    PINNED.remove(this);
  }

  @Override
  public void invoke(Pointer userData, int type, ArvBufferHandle buffer) {
    if (type != INIT) {
      return;
    }
    try {
      boolean raised = AravisLibrary.aravis().arv_make_thread_realtime(realtimePriority);
      outcome.set(raised ? Outcome.RAISED : Outcome.REFUSED);
      if (!raised) {
        LOG.warn(
            "{}: realtime priority {} refused for the receiving thread (needs root,"
                + " CAP_SYS_NICE, an rtprio limit or rtkit); it runs at normal priority",
            streamName,
            realtimePriority);
      }
    } catch (Throwable t) {
      // Nothing may propagate into Aravis's thread.
      outcome.set(Outcome.REFUSED);
      LOG.error("{}: raising the receiving thread's priority failed", streamName, t);
    }
  }
}
