package io.camerabridge.bindings.aravis;

import java.util.List;

/**
 * A camera selector matches more than one device (two cameras with the same serial number, or a
 * serial that two devices share): opening either would be a guess, and after a reconnect it could
 * be the other one. The message names every matching device, sorted, so it reads the same at every
 * attempt.
 */
public final class AmbiguousCameraException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String selector;
  private final List<String> devices;

  AmbiguousCameraException(String selector, List<String> devices, String advice) {
    super(
        "Camera selector '"
            + selector
            + "' is ambiguous, it matches "
            + devices.size()
            + " devices: "
            + String.join(", ", devices)
            + "; "
            + advice);
    this.selector = selector;
    this.devices = List.copyOf(devices);
  }

  /** The selector as configured. */
  public String selector() {
    return selector;
  }

  /** Each matching device, described with its id, serial and address. */
  public List<String> devices() {
    return devices;
  }
}
