package io.camerabridge.config;

/** How Aravis's USB3 Vision stream thread reads from the camera ({@code usb.mode}). */
public enum UsbIoMode implements ConfigChoice {
  /** One blocking bulk read at a time (Aravis's default). */
  SYNC("sync"),
  /** Several frames' transfers queued at once, completed on Aravis's libusb event thread. */
  ASYNC("async");

  private final String configName;

  UsbIoMode(String configName) {
    this.configName = configName;
  }

  @Override
  public String configName() {
    return configName;
  }
}
