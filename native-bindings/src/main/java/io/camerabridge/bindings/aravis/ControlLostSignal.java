package io.camerabridge.bindings.aravis;

import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import io.camerabridge.bindings.raw.ArvDeviceHandle;
import io.camerabridge.bindings.raw.ControlLostCallback;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ArvDevice {@code "control-lost"} signal, connected when the first listener is added and until
 * the camera is closed.
 *
 * <p>Aravis emits it on its own heartbeat/USB thread, where calling back into Aravis (closing the
 * camera joins that very thread) would deadlock. The native handler therefore only records the loss
 * and hands listeners to one shared daemon thread, where they may do anything.
 *
 * <p>Connected only on demand because a connected handler makes every emission hold a reference on
 * the device: an emission that races the camera's close can end up finalizing the device on the
 * heartbeat thread (see {@link DeviceRelease}). Without a handler GLib skips the emission and takes
 * no reference, so a camera nobody listens to is always finalized on the closing thread.
 */
final class ControlLostSignal {
  private static final Logger LOG = LoggerFactory.getLogger(ControlLostSignal.class);
  private static final ExecutorService EVENTS =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "aravis-control-lost");
            t.setDaemon(true);
            return t;
          });

  // Connected handlers stay reachable even if their Camera is dropped without close(): native
  // code may still emit the signal, and a collected JNA callback crashes the VM.
  private static final Set<ControlLostSignal> CONNECTED = ConcurrentHashMap.newKeySet();

  private final String deviceId;
  private final ArvDeviceHandle device;
  private final AtomicBoolean lost = new AtomicBoolean();
  private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
  // Strongly held: a collected JNA callback crashes the VM when the signal fires.
  private final ControlLostCallback callback = this::onSignal;
  private NativeLong handlerId; // guarded by this; null while not connected
  private boolean disconnected; // guarded by this

  ControlLostSignal(String deviceId, ArvDeviceHandle device) {
    this.deviceId = deviceId;
    this.device = device;
  }

  boolean isLost() {
    return lost.get();
  }

  void addListener(Runnable listener) {
    listeners.add(listener);
    connect();
    if (lost.get()) {
      EVENTS.execute(() -> notify(listener));
    }
  }

  void removeListener(Runnable listener) {
    listeners.remove(listener);
  }

  private synchronized void connect() {
    if (handlerId != null || disconnected) {
      return;
    }
    handlerId =
        AravisLibrary.gobject()
            .g_signal_connect_data(device, "control-lost", callback, null, null, 0);
    CONNECTED.add(this);
  }

  /** Whether a handler is connected (a listener was added and the camera is not closed). */
  synchronized boolean isConnected() {
    return handlerId != null;
  }

  /** Disconnects the handler, if connected, for good; call before the device's last unref. */
  synchronized void disconnect() {
    disconnected = true;
    if (handlerId != null) {
      AravisLibrary.gobject().g_signal_handler_disconnect(device, handlerId);
      handlerId = null;
      CONNECTED.remove(this);
    }
  }

  private void onSignal(Pointer emitter, Pointer userData) {
    try {
      if (lost.compareAndSet(false, true)) {
        EVENTS.execute(
            () -> {
              LOG.warn("Camera {} lost control (disconnected or taken over)", deviceId);
              listeners.forEach(this::notify);
            });
      }
    } catch (Throwable t) {
      // Nothing may propagate into native code.
      LOG.error("control-lost handler failed for {}", deviceId, t);
    }
  }

  private void notify(Runnable listener) {
    try {
      listener.run();
    } catch (RuntimeException e) {
      LOG.error("control-lost listener of {} failed", deviceId, e);
    }
  }
}
