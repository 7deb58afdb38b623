package io.camerabridge.config;

/** Where an output sends a part's outcome. */
public enum OutputType implements ConfigChoice {
  /** The camera's own digital output line (SFNC LineSelector/UserOutput features). */
  LINE("line"),
  /** One JSON message per outcome to the broker of the top-level {@code mqtt:} block. */
  MQTT("mqtt"),
  /** An HTTP POST of the same JSON to a URL. */
  WEBHOOK("webhook");

  private final String configName;

  OutputType(String configName) {
    this.configName = configName;
  }

  @Override
  public String configName() {
    return configName;
  }
}
