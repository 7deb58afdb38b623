package io.camerabridge.config;

/**
 * USB3 Vision transport settings; ignored for GigE Vision cameras. Null means "leave the camera's
 * or Aravis's value".
 *
 * @param mode Aravis's USB I/O mode for the stream, {@code sync} (Aravis's default) or {@code
 *     async}
 * @param throughputLimit the camera's average stream bandwidth in bytes per second ({@code
 *     DeviceLinkThroughputLimit}, where the camera has it), to share one host controller between
 *     cameras
 */
public record UsbConfig(UsbIoMode mode, DataSize throughputLimit) {

  /** All defaults. */
  public static final UsbConfig DEFAULTS = new UsbConfig(null, null);
}
