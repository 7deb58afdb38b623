package io.camerabridge.bindings.aravis;

import io.camerabridge.bindings.raw.Aravis;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Device discovery on all enabled Aravis interfaces.
 *
 * <p>Discovery is process-wide: Aravis keeps one device list and frees its strings on every update,
 * so updates and reads are serialised here and every string is copied at once.
 */
public final class Devices {
  /** Interface id of Aravis's in-process simulated camera. */
  public static final String FAKE_INTERFACE = "Fake";

  private static final Object LOCK = new Object();

  private Devices() {}

  /**
   * Runs discovery and returns every device found. Blocks about one second (the GigE Vision
   * discovery timeout).
   */
  public static List<DeviceInfo> list() {
    Aravis arv = AravisLibrary.aravis();
    synchronized (LOCK) {
      arv.arv_update_device_list();
      int n = arv.arv_get_n_devices();
      List<DeviceInfo> devices = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        devices.add(
            new DeviceInfo(
                text(arv.arv_get_device_id(i)),
                text(arv.arv_get_device_vendor(i)),
                text(arv.arv_get_device_model(i)),
                text(arv.arv_get_device_serial_nbr(i)),
                text(arv.arv_get_device_address(i)),
                Protocol.fromAravisName(text(arv.arv_get_device_protocol(i))),
                text(arv.arv_get_device_physical_id(i))));
      }
      return List.copyOf(devices);
    }
  }

  /**
   * Enables Aravis's in-process {@code Fake} interface (device id {@code Fake_1}), off by default.
   * Process-wide; meant for tests and demos.
   */
  public static void enableFakeInterface() {
    Aravis arv = AravisLibrary.aravis();
    synchronized (LOCK) {
      arv.arv_enable_interface(FAKE_INTERFACE);
    }
  }

  /** Disables the {@code Fake} interface again. */
  public static void disableFakeInterface() {
    Aravis arv = AravisLibrary.aravis();
    synchronized (LOCK) {
      arv.arv_disable_interface(FAKE_INTERFACE);
    }
  }

  static Object lock() {
    return LOCK;
  }

  private static String text(String s) {
    return Objects.requireNonNullElse(s, "");
  }
}
