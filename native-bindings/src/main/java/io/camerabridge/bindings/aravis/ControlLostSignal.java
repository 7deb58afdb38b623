package io.camerabridge.bindings.aravis;

import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import io.camerabridge.bindings.raw.ArvDeviceHandle;
import io.camerabridge.bindings.raw.ControlLostCallback;
import java.time.Duration;
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
  // References to the device when no emission is running: the camera's, before any stream.
  private final int baselineRefs;

  ControlLostSignal(String deviceId, ArvDeviceHandle device) {
    this.deviceId = deviceId;
    this.device = device;
    this.baselineRefs = device.getPointer().getInt(8);
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

  /**
   * Waits (at most {@code timeout}) until no signal emission still holds a reference to the device:
   * {@code g_signal_emit} refs the instance for its duration, and if the camera's last unref
   * happened meanwhile, the device would be finalised on Aravis's heartbeat thread, which then
   * joins itself and GLib aborts the process ("Resource deadlock avoided"). On loopback a dead
   * camera makes the heartbeat emit within a second, so the race is real. Call after {@link
   * #disconnect()} (GLib then skips new emissions) and after every stream of the camera is closed.
   */
  void awaitEmissionsDone(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (refCount() > baselineRefs && System.nanoTime() < deadline) {
      try {
        Thread.sleep(1);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    if (refCount() > baselineRefs) {
      LOG.warn(
          "Camera {}: device still referenced {} time(s) beyond its camera after {}",
          deviceId,
          refCount() - baselineRefs,
          timeout);
    }
  }

  /** {@code GObject.ref_count}: after the 8-byte {@code GTypeInstance} on LP64. */
  private int refCount() {
    return device.getPointer().getInt(8);
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
