package io.camerabridge.config;

/** An entry of an output's {@code on:} list: which outcomes make it fire. */
public enum OutputOn implements ConfigChoice {
  OK("ok"),
  NG("ng"),
  TIMEOUT("timeout"),
  ERROR("error"),
  /** Every outcome. */
  ANY("any");

  private final String configName;

  OutputOn(String configName) {
    this.configName = configName;
  }

  @Override
  public String configName() {
    return configName;
  }
}
