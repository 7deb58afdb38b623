package io.camerabridge.bindings.aravis;

import com.sun.jna.Pointer;
import io.camerabridge.bindings.raw.ArvCameraHandle;
import io.camerabridge.bindings.raw.ArvDeviceHandle;
import io.camerabridge.bindings.raw.GToggleNotify;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Releases a camera so that its device is finalized on a thread of ours, never on Aravis's.
 *
 * <p>Why: a {@code control-lost} emission holds a reference on the device for its whole length
 * (GLib keeps the instance in a GValue and unrefs it after the handlers ran). If the camera's last
 * reference is dropped meanwhile, the emission's unref is the last one and finalizes the
 * ArvGvDevice on the heartbeat thread; the finalizer joins the heartbeat thread, i.e. itself, and
 * GLib aborts the process ({@code g_system_thread_wait: error 'Resource deadlock avoided'}).
 *
 * <p>How: a toggle reference is held across the camera's unref. Its notification says when it is
 * the only reference left; the final unref then runs on the caller's thread when nothing else held
 * the device (the usual case, so close stays synchronous), or on a daemon thread as soon as the
 * emission lets go. The handler must be disconnected first: an emission that starts without
 * handlers takes no reference.
 */
final class DeviceRelease {
  private static final Logger LOG = LoggerFactory.getLogger(DeviceRelease.class);
  private static final ExecutorService RELEASER =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "aravis-device-release");
            t.setDaemon(true);
            return t;
          });
  // By device address; also keeps each pending release reachable while GLib may call back.
  private static final Map<Long, DeviceRelease> PENDING = new ConcurrentHashMap<>();
  // One callback for all devices, strongly held: GLib calls it until the toggle ref is removed.
  private static final GToggleNotify NOTIFY = DeviceRelease::onToggle;

  private final ArvDeviceHandle device;
  private final long address;
  private boolean sole; // guarded by this
  private boolean requested; // guarded by this
  private boolean released; // guarded by this

  private DeviceRelease(ArvDeviceHandle device) {
    this.device = device;
    this.address = Pointer.nativeValue(device.getPointer());
  }

  /**
   * Drops {@code camera}'s reference and makes sure the last reference on {@code device} (the
   * camera's, borrowed) is dropped by a Java thread. Call with the control-lost handler already
   * disconnected.
   */
  static void unrefCamera(ArvCameraHandle camera, ArvDeviceHandle device) {
    DeviceRelease r = new DeviceRelease(device);
    PENDING.put(r.address, r);
    AravisLibrary.gobject().g_object_add_toggle_ref(device, NOTIFY, null);
    AravisLibrary.gobject().g_object_unref(camera);
    r.request();
  }

  private void request() {
    boolean now;
    synchronized (this) {
      requested = true;
      now = sole && !released;
      released |= now;
    }
    if (now) {
      finish();
    } else {
      LOG.debug("Device of a closed camera is still referenced (control-lost emission); deferred");
    }
  }

  private static void onToggle(Pointer data, Pointer object, boolean isLastRef) {
    try {
      DeviceRelease r = PENDING.get(Pointer.nativeValue(object));
      if (r == null) {
        return;
      }
      boolean later;
      synchronized (r) {
        r.sole = isLastRef;
        later = isLastRef && r.requested && !r.released;
        r.released |= later;
      }
      if (later) {
        // Not here: this may be the heartbeat thread the finalizer joins.
        RELEASER.execute(r::finish);
      }
    } catch (Throwable t) {
      // Nothing may propagate into native code.
      LOG.error("toggle notification failed", t);
    }
  }

  private void finish() {
    PENDING.remove(address);
    AravisLibrary.gobject().g_object_remove_toggle_ref(device, NOTIFY, null);
  }
}
