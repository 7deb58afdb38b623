package io.camerabridge.config;

import java.util.Objects;

/**
 * One step of a camera's GenICam configuration: set a feature to a value, or execute a command.
 * Steps run in order, so a selector step ({@code LineSelector: Line1}) changes what the steps after
 * it address.
 *
 * @param feature the GenICam feature name, e.g. {@code LineMode}
 * @param value the value to set; null for a command ({@link #isCommand()}) and for a step whose
 *     value is missing (reported by the validator)
 * @param command whether the step executes {@code feature} as a command ({@code execute: Name})
 * @param origin where the step was written, {@code FILE:LINE:COL} for YAML, {@code FILE:LINE} for a
 *     feature file; error messages at camera open name it
 * @param path the YAML path of the step, e.g. {@code cameras[0].features[3]}
 */
public record FeatureStep(
    String feature, FeatureValue value, boolean command, String origin, String path) {

  /** Checks the components. */
  public FeatureStep {
    Objects.requireNonNull(feature, "feature");
    Objects.requireNonNull(origin, "origin");
    Objects.requireNonNull(path, "path");
  }

  /** A {@code Name: value} step. */
  public static FeatureStep set(String feature, FeatureValue value, String origin, String path) {
    return new FeatureStep(feature, value, false, origin, path);
  }

  /** An {@code execute: Name} step. */
  public static FeatureStep execute(String feature, String origin, String path) {
    return new FeatureStep(feature, null, true, origin, path);
  }

  /** Whether the step executes a command. */
  public boolean isCommand() {
    return command;
  }

  /** The step as the user wrote it, for messages: {@code LineMode: Output}. */
  public String describe() {
    return command ? "execute: " + feature : feature + ": " + (value == null ? "" : value);
  }
}
