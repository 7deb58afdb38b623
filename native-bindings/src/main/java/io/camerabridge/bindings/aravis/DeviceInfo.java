package io.camerabridge.bindings.aravis;

/**
 * One discovered device, copied out of Aravis's device list (which the next discovery frees).
 *
 * @param id Aravis device id, stable across restarts (GigE: {@code <vendor>-<model>-<serial>})
 * @param vendor manufacturer name
 * @param model model name
 * @param serial serial number
 * @param address IP address for GigE Vision, empty otherwise
 * @param protocol transport
 * @param physicalId MAC address (GigE) or USB path, empty when unknown
 */
public record DeviceInfo(
    String id,
    String vendor,
    String model,
    String serial,
    String address,
    Protocol protocol,
    String physicalId) {

  /** Short human-readable identity for error messages and logs. */
  public String describe() {
    return id + " (serial " + serial + (address.isEmpty() ? "" : ", " + address) + ")";
  }
}
