package io.camerabridge.config;

/** How log lines are written to stdout (journald picks them up under systemd). */
public enum LogFormat implements ConfigChoice {
  /** One text line per event with a {@code <N>} syslog priority prefix and no timestamp. */
  PLAIN("plain"),
  /** One JSON object per line; keeps stack traces in a single journal entry. */
  JSON("json");

  private final String configName;

  LogFormat(String configName) {
    this.configName = configName;
  }

  @Override
  public String configName() {
    return configName;
  }
}
