package io.camerabridge.bindings.aravis;

import io.camerabridge.bindings.raw.ArvCameraHandle;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Resolves a user's camera selector (device id, serial number or IP address) and opens it.
 *
 * <p>The selector is first handed to Aravis as is, which opens device ids, IP addresses, MAC
 * addresses and user ids without a discovery round when the device is known. Only when Aravis
 * reports NOT_FOUND is discovery run (~1 s) to match serial numbers.
 */
final class CameraLocator {
  private CameraLocator() {}

  /** An opened camera and the device id it resolved to (the selector when opened directly). */
  record Opened(ArvCameraHandle handle, String deviceId) {}

  static Opened open(String selector) {
    if (selector == null || selector.isBlank()) {
      throw new IllegalArgumentException("Camera selector must not be empty");
    }
    // Opening may refresh an interface's device list, whose strings Devices.list() copies.
    synchronized (Devices.lock()) {
      Optional<ArvCameraHandle> direct = openById(selector);
      if (direct.isPresent()) {
        return new Opened(direct.get(), selector);
      }
      List<DeviceInfo> devices = Devices.list(); // same monitor: reentrant
      List<DeviceInfo> matches =
          devices.stream()
              .filter(d -> d.serial().equals(selector) || d.address().equals(selector))
              .toList();
      if (matches.size() > 1) {
        throw new AravisException(
            "Camera selector '"
                + selector
                + "' is ambiguous, it matches "
                + describe(matches)
                + "; use the device id",
            AravisException.DeviceError.NOT_FOUND);
      }
      if (matches.isEmpty()) {
        throw notFound(selector, devices);
      }
      String id = matches.get(0).id();
      ArvCameraHandle handle = openById(id).orElseThrow(() -> notFound(selector, devices));
      return new Opened(handle, id);
    }
  }

  private static Optional<ArvCameraHandle> openById(String id) {
    try {
      return Optional.of(
          GErrors.call(
              () -> "Opening camera '" + id + "'",
              e -> AravisLibrary.aravis().arv_camera_new(id, e)));
    } catch (AravisException e) {
      if (e.deviceError().filter(AravisException.DeviceError.NOT_FOUND::equals).isPresent()) {
        return Optional.empty();
      }
      throw e;
    }
  }

  private static AravisException notFound(String selector, List<DeviceInfo> devices) {
    return new AravisException(
        "No camera matches '"
            + selector
            + "' as device id, serial number or IP address; found "
            + (devices.isEmpty() ? "no cameras" : describe(devices)),
        AravisException.DeviceError.NOT_FOUND);
  }

  private static String describe(List<DeviceInfo> devices) {
    return devices.stream().map(DeviceInfo::describe).collect(Collectors.joining(", "));
  }
}
