package io.camerabridge.pekat;

import java.util.Objects;

/**
 * A PEKAT project's API key ("Secure image analyze"). The value is reachable only through {@link
 * #reveal()}, which the client calls when it builds a request URL; {@link #toString()} is redacted
 * so a key cannot reach a log line, an exception message or a health document by accident.
 */
public final class ApiKey {
  private final String value;

  private ApiKey(String value) {
    this.value = value;
  }

  /**
   * Wraps a non-blank key.
   *
   * @throws IllegalArgumentException if the key is blank (the message never contains the key)
   */
  public static ApiKey of(String value) {
    Objects.requireNonNull(value, "value");
    if (value.isBlank()) {
      throw new IllegalArgumentException("API key is blank");
    }
    return new ApiKey(value);
  }

  /** The secret itself: use it only to put it on the wire. */
  public String reveal() {
    return value;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ApiKey other && other.value.equals(value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public String toString() {
    return "ApiKey[redacted]";
  }
}
