package io.camerabridge.config;

/** Which edge or level of a hardware trigger signal starts a frame (GenICam TriggerActivation). */
public enum TriggerActivation implements ConfigChoice {
  RISING_EDGE("rising-edge", "RisingEdge"),
  FALLING_EDGE("falling-edge", "FallingEdge"),
  ANY_EDGE("any-edge", "AnyEdge"),
  LEVEL_HIGH("level-high", "LevelHigh"),
  LEVEL_LOW("level-low", "LevelLow");

  private final String configName;
  private final String genicamName;

  TriggerActivation(String configName, String genicamName) {
    this.configName = configName;
    this.genicamName = genicamName;
  }

  @Override
  public String configName() {
    return configName;
  }

  /** The enumeration entry of the camera's {@code TriggerActivation} feature. */
  public String genicamName() {
    return genicamName;
  }
}
