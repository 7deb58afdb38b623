package io.camerabridge.bindings.aravis;

import io.camerabridge.bindings.raw.ArvCameraHandle;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Resolves a user's camera selector (device id, serial number or IP address) and opens it.
 *
 * <p>The selector is first handed to Aravis as is, which opens device ids, IP addresses, MAC
 * addresses and user ids without a discovery round when the device is known. Only when Aravis
 * reports NOT_FOUND is discovery run (~1 s) to match serial numbers.
 */
final class CameraLocator {
  /** Discovery answers arrive within milliseconds; Aravis itself waits a full second. */
  private static final Duration TWIN_SCAN_WAIT = Duration.ofMillis(300);

  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

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
        throw new AmbiguousCameraException(
            selector,
            matches.stream().map(DeviceInfo::describe).sorted().toList(),
            "use the device id");
      }
      if (matches.isEmpty()) {
        throw notFound(selector, devices);
      }
      String id = matches.get(0).id();
      ArvCameraHandle handle = openById(id).orElseThrow(() -> notFound(selector, devices));
      return new Opened(handle, id);
    }
  }

  /**
   * Refuses a GigE camera that another device on the network shares its identity with (vendor,
   * model and serial): Aravis lists only one of them and opens whichever answers first, so a
   * reconnect could silently switch devices. A selector that is an IP address names one device.
   */
  static void refuseTwins(String selector, Camera camera) {
    if (camera.usb().isPresent()) {
      refuseUsbTwins(selector, camera);
      return;
    }
    if (camera.gige().isEmpty() || isIpv4Address(selector)) {
      return;
    }
    List<String> twins =
        GvcpScan.scan(TWIN_SCAN_WAIT).stream()
            .filter(r -> r.serial().equals(camera.serial()))
            .filter(r -> r.manufacturer().equals(camera.vendor()))
            .filter(r -> r.model().equals(camera.model()))
            .map(GvcpScan.Reply::describe)
            .sorted()
            .toList();
    if (twins.size() > 1) {
      throw new AmbiguousCameraException(
          selector,
          twins,
          "give each camera its own serial number (or DeviceUserID) or select it by IP address");
    }
  }

  /**
   * Refuses a USB3 Vision camera whose vendor, model and serial another connected device shares,
   * unless the selector is one device's full id. Aravis's USB3 device list does show both (their
   * ids carry the device GUID), but it also opens {@code <vendor>-<serial>} and {@code
   * <manufacturer>-<serial>}, names that two such devices share, picking one of them silently. Only
   * the full id ({@code <vendor>-<GUID>-<serial>}) names one device.
   */
  private static void refuseUsbTwins(String selector, Camera camera) {
    List<DeviceInfo> twins =
        Devices.list().stream()
            .filter(d -> d.protocol() == Protocol.USB3_VISION)
            .filter(d -> d.serial().equals(camera.serial()))
            .filter(d -> d.vendor().equals(camera.vendor()))
            .filter(d -> d.model().equals(camera.model()))
            .toList();
    if (twins.size() > 1 && twins.stream().noneMatch(d -> d.id().equals(selector))) {
      throw new AmbiguousCameraException(
          selector,
          twins.stream().map(DeviceInfo::describe).sorted().toList(),
          "give each camera its own serial number or select it by its full device id");
    }
  }

  static boolean isIpv4Address(String selector) {
    return IPV4.matcher(selector).matches();
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
