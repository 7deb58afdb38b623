package io.camerabridge.bindings.aravis;

/**
 * How Aravis's USB3 Vision stream thread talks to libusb ({@code ArvUvUsbMode}, 0.8): one blocking
 * bulk read at a time, or every block of several frames queued as asynchronous transfers.
 */
public enum UsbMode {
  /** {@code ARV_UV_USB_MODE_SYNC} (Aravis's default): one blocking {@code libusb_bulk_transfer}. */
  SYNC(0),
  /**
   * {@code ARV_UV_USB_MODE_ASYNC}: leader, payload and trailer transfers of several buffers queued
   * at once (up to 8 MiB), completed on Aravis's libusb event thread. Keeps the bus busy at high
   * rates; in 0.8.26 its thread polls the input queue without waiting once every buffer is queued,
   * which costs a core when frames are small (docs/native-bindings.md).
   */
  ASYNC(1);

  private final int code;

  UsbMode(int code) {
    this.code = code;
  }

  /** The {@code ArvUvUsbMode} value. */
  public int code() {
    return code;
  }
}
