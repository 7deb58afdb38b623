package io.camerabridge.config;

/**
 * A camera's {@code plc:} block.
 *
 * @param slot the camera's place in the Modbus map (holding registers at {@code slot * 16}, coils
 *     at {@code slot * 8}); null keeps the camera out of the Modbus map (OPC UA names cameras by id
 *     and shows them all)
 */
public record CameraPlcConfig(Integer slot) {
  /** The highest slot whose 16 registers fit the 65536 of the Modbus map. */
  public static final int MAX_SLOT = 65536 / 16 - 1;

  /** No {@code plc:} block. */
  public static final CameraPlcConfig NONE = new CameraPlcConfig(null);
}
