package io.camerabridge.config;

import java.util.List;

/**
 * The {@code features:} of a camera: either a mapping {@code Name: value} (applied in file order)
 * or an ordered list of steps, where a feature may repeat (selector chains) and {@code execute:}
 * runs a command. A value type, not a section: its entries are the user's feature names.
 */
public final class FeatureSteps {
  /** No steps. */
  public static final FeatureSteps NONE = new FeatureSteps(List.of(), false);

  private final List<FeatureStep> steps;
  private final boolean list;

  FeatureSteps(List<FeatureStep> steps, boolean list) {
    this.steps = List.copyOf(steps);
    this.list = list;
  }

  /** The steps in order; unmodifiable. */
  public List<FeatureStep> steps() {
    return steps;
  }

  /** Whether the file used the list form (a step may then repeat a feature). */
  public boolean isList() {
    return list;
  }

  /**
   * The value each feature ends with, in first-mention order; commands are left out. For reading a
   * configuration, not for applying it (selector chains need the steps).
   */
  public java.util.Map<String, FeatureValue> lastValues() {
    java.util.Map<String, FeatureValue> values = new java.util.LinkedHashMap<>();
    for (FeatureStep step : steps) {
      if (!step.isCommand() && step.value() != null) {
        values.put(step.feature(), step.value());
      }
    }
    return java.util.Collections.unmodifiableMap(values);
  }

  /** Whether there are no steps. */
  public boolean isEmpty() {
    return steps.isEmpty();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FeatureSteps other && other.steps.equals(steps) && other.list == list;
  }

  @Override
  public int hashCode() {
    return steps.hashCode() * 31 + (list ? 1 : 0);
  }

  @Override
  public String toString() {
    return steps.toString();
  }
}
