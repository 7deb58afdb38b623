package io.camerabridge.config;

/** How a camera decides when to take a frame. */
public enum TriggerMode implements ConfigChoice {
  /** The camera runs at its own frame rate ({@code TriggerMode=Off}). */
  FREE_RUN("free-run"),
  /** camera-bridge fires {@code TriggerSoftware} at a configured rate. */
  SOFTWARE("software"),
  /** An electrical signal on an input line triggers each frame. */
  HARDWARE("hardware"),
  /**
   * The PLC triggers each frame (OPC UA {@code Trigger()}, Modbus Trigger coil) as a software
   * trigger.
   */
  PLC("plc");

  private final String configName;

  TriggerMode(String configName) {
    this.configName = configName;
  }

  /** Frames come when something outside the bridge says so, and may pause for as long. */
  public boolean externallyPaced() {
    return this == HARDWARE || this == PLC;
  }

  @Override
  public String configName() {
    return configName;
  }
}
