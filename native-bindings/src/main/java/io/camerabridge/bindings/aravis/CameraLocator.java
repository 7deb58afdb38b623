package io.camerabridge.bindings.aravis;

import io.camerabridge.bindings.raw.ArvCameraHandle;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Resolves a user's camera selector (device id, serial number or IP address) and opens it. */
final class CameraLocator {
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

  private CameraLocator() {}

  /** An opened camera and the device id discovery reports for it, when known. */
  record Opened(ArvCameraHandle handle, Optional<String> deviceId) {}

  static Opened open(String selector) {
    if (selector == null || selector.isBlank()) {
      throw new IllegalArgumentException("Camera selector must not be empty");
    }
    synchronized (Devices.lock()) {
      if (IPV4.matcher(selector).matches()) {
        // Aravis opens GigE cameras by address directly (unicast discovery), no list needed.
        ArvCameraHandle handle =
            openById(selector).orElseThrow(() -> notFound(selector, List.of()));
        return new Opened(handle, Optional.empty());
      }
      return openListed(selector);
    }
  }

  private static Opened openListed(String selector) {
    List<DeviceInfo> devices = Devices.list(); // same monitor as the caller's: reentrant
    List<DeviceInfo> matches =
        devices.stream()
            .filter(
                d ->
                    d.id().equals(selector)
                        || d.serial().equals(selector)
                        || d.address().equals(selector))
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
    Optional<String> id = matches.stream().findFirst().map(DeviceInfo::id);
    // Aravis also accepts user ids, MAC addresses and vendor-serial, so try unmatched selectors.
    ArvCameraHandle handle =
        openById(id.orElse(selector)).orElseThrow(() -> notFound(selector, devices));
    return new Opened(handle, id);
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
