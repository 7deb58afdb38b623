package io.camerabridge.bindings.aravis;

import java.util.List;
import java.util.Optional;

/**
 * What a client needs to know before writing a feature: its type, whether it may be written now,
 * and which values it takes. Read at one moment: selectors and other features change ranges and
 * availability.
 *
 * @param name the feature name
 * @param type its GenICam interface
 * @param access {@code RO}, {@code WO}, {@code RW}, or empty when undefined
 * @param available whether the feature is implemented and currently available
 * @param description the description the camera gives, if any
 * @param value the current value as text, if readable
 * @param integerBounds bounds of an integer feature
 * @param integerIncrement step of an integer feature (1 when none is declared)
 * @param floatBounds bounds of a float feature
 * @param entries the currently available entries of an enumeration
 * @param selected the features this selector selects (its {@code pSelected}), in order
 */
public record FeatureDescription(
    String name,
    FeatureType type,
    String access,
    boolean available,
    Optional<String> description,
    Optional<String> value,
    Optional<IntRange> integerBounds,
    long integerIncrement,
    Optional<DoubleRange> floatBounds,
    List<String> entries,
    List<String> selected) {

  /** Freezes the lists. */
  public FeatureDescription {
    entries = List.copyOf(entries);
    selected = List.copyOf(selected);
  }

  /** Whether the feature can be written now. */
  public boolean isWritable() {
    return available && ("RW".equals(access) || "WO".equals(access));
  }

  /** Whether the feature can be read now. */
  public boolean isReadable() {
    return available && ("RW".equals(access) || "RO".equals(access));
  }

  /** Whether this is a selector with pSelected features. */
  public boolean isSelector() {
    return !selected.isEmpty();
  }

  /**
   * The values it takes, for messages: {@code 0..10}, {@code 1.0..8.0}, {@code Input, Output},
   * {@code true or false}, or empty when unrestricted.
   */
  public String allowed() {
    return switch (type) {
      case INTEGER ->
          integerBounds
              .map(
                  b ->
                      b.min()
                          + ".."
                          + b.max()
                          + (integerIncrement > 1 ? " in steps of " + integerIncrement : ""))
              .orElse("");
      case FLOAT -> floatBounds.map(b -> b.min() + ".." + b.max()).orElse("");
      case ENUMERATION -> String.join(", ", entries);
      case BOOLEAN -> "true or false";
      default -> "";
    };
  }
}
