package io.camerabridge.config;

/** How a camera decides when to take a frame. */
public enum TriggerMode implements ConfigChoice {
  /** The camera runs at its own frame rate ({@code TriggerMode=Off}). */
  FREE_RUN("free-run"),
  /** camera-bridge fires {@code TriggerSoftware} at a configured rate. */
  SOFTWARE("software"),
  /** An electrical signal on an input line triggers each frame. */
  HARDWARE("hardware");

  private final String configName;

  TriggerMode(String configName) {
    this.configName = configName;
  }

  @Override
  public String configName() {
    return configName;
  }

  /**
   * Whether frames come only when something outside camera-bridge asks for one, so that a long
   * silence is normal: no frame watchdog by default, and the systemd watchdog does not count the
   * silence. A software trigger is camera-bridge's own, at {@code trigger.rate}, so its frames are
   * expected like a free-running camera's.
   */
  public boolean waitsForExternalSignal() {
    return this == HARDWARE;
  }
}
