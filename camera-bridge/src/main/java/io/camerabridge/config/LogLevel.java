package io.camerabridge.config;

import java.util.Locale;

/** A logger threshold, as in Logback. */
public enum LogLevel implements ConfigChoice {
  TRACE,
  DEBUG,
  INFO,
  WARN,
  ERROR,
  OFF;

  @Override
  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
