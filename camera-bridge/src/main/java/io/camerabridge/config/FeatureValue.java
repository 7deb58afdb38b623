package io.camerabridge.config;

import java.util.Objects;

/**
 * The value of a GenICam feature set by name under {@code features:}: a YAML scalar kept with its
 * type, so the service can pick the matching setter.
 *
 * @param value a {@link String}, {@link Long}, {@link Double} or {@link Boolean}
 */
public record FeatureValue(Object value) {
  /** Checks the value is one of the scalar types. */
  public FeatureValue {
    Objects.requireNonNull(value, "value");
    if (!(value instanceof String
        || value instanceof Long
        || value instanceof Double
        || value instanceof Boolean)) {
      throw new IllegalArgumentException("not a scalar: " + value.getClass().getSimpleName());
    }
  }

  /** The value as GenICam text, as {@code arv-tool-0.8 control Name=VALUE} would take it. */
  public String asText() {
    return value.toString();
  }

  @Override
  public String toString() {
    return asText();
  }
}
