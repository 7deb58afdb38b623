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
 * The ArvDevice {@code "control-lost"} signal, connected for the camera's lifetime.
 *
 * <p>Aravis emits it on its own heartbeat/USB thread, where calling back into Aravis (closing the
 * camera joins that very thread) would deadlock. The native handler therefore only records the loss
 * and hands listeners to one shared daemon thread, where they may do anything.
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
  private final NativeLong handlerId;

  ControlLostSignal(String deviceId, ArvDeviceHandle device) {
    this.deviceId = deviceId;
    this.device = device;
    this.handlerId =
        AravisLibrary.gobject()
            .g_signal_connect_data(device, "control-lost", callback, null, null, 0);
    CONNECTED.add(this);
  }

  boolean isLost() {
    return lost.get();
  }

  void addListener(Runnable listener) {
    listeners.add(listener);
    if (lost.get()) {
      EVENTS.execute(() -> notify(listener));
    }
  }

  void removeListener(Runnable listener) {
    listeners.remove(listener);
  }

  /** Disconnects the handler; call before the device's last unref. */
  void disconnect() {
    AravisLibrary.gobject().g_signal_handler_disconnect(device, handlerId);
    CONNECTED.remove(this);
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
