package io.camerabridge.config;

import java.util.Objects;

/** A password or token from the configuration: never printed, logged or echoed in an error. */
public final class Secret {
  private final String value;

  private Secret(String value) {
    this.value = Objects.requireNonNull(value, "value");
  }

  public static Secret of(String value) {
    return new Secret(value);
  }

  /** The secret itself, for the one call that needs it. */
  public String reveal() {
    return value;
  }

  @Override
  public String toString() {
    return "****";
  }
}
