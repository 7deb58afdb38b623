package io.camerabridge.genicam;

import io.camerabridge.bindings.aravis.AravisException;
import io.camerabridge.bindings.aravis.CameraFeatures;
import io.camerabridge.bindings.aravis.FeatureDescription;
import io.camerabridge.bindings.aravis.FeatureType;
import io.camerabridge.config.FeatureStep;
import io.camerabridge.config.Suggestions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Applies feature steps to an open camera, checking each against what the camera says about the
 * feature: first every step's feature must exist with a type that fits the step (all such problems
 * are reported at once), then each step, in order, must be writable now and its value within the
 * range or entries the camera reports at that moment (a selector step before it may change both).
 * The first refused step stops the run. Runs on the camera's control thread.
 */
public final class FeatureStepRunner {
  private final CameraFeatures features;
  private List<String> names;

  public FeatureStepRunner(CameraFeatures features) {
    this.features = features;
  }

  /**
   * Checks and applies {@code steps} in order.
   *
   * @throws FeatureStepException naming each refused step's origin, feature and allowed values
   */
  public void run(List<FeatureStep> steps) {
    List<String> problems = new ArrayList<>();
    for (FeatureStep step : steps) {
      precheck(step).ifPresent(p -> problems.add(message(step, p)));
    }
    if (!problems.isEmpty()) {
      throw new FeatureStepException(problems);
    }
    for (FeatureStep step : steps) {
      apply(step);
    }
  }

  /** Existence and type: what does not depend on the steps before. */
  private Optional<String> precheck(FeatureStep step) {
    Optional<FeatureDescription> found = features.describe(step.feature());
    if (found.isEmpty()) {
      return Optional.of(unknown(step.feature()));
    }
    FeatureDescription d = found.get();
    if (step.isCommand()) {
      return d.type() == FeatureType.COMMAND
          ? Optional.empty()
          : Optional.of(typeName(d) + ", not a Command: write '" + step.feature() + ": VALUE'");
    }
    if (d.type() == FeatureType.COMMAND) {
      return Optional.of("a Command: write '- execute: " + step.feature() + "' in the list form");
    }
    if (!d.type().hasValue()) {
      return Optional.of(typeName(d) + " with no value to set");
    }
    try {
      StepValues.convert(d, step.value());
      return Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.of(e.getMessage());
    }
  }

  private void apply(FeatureStep step) {
    // Described again: the steps before (selectors, modes) change access, ranges and entries.
    FeatureDescription d = features.describe(step.feature()).orElseThrow();
    if (!d.available()) {
      refuse(step, "not available now (a selector or mode set before it may disable it)");
    }
    if (step.isCommand()) {
      call(step, () -> features.execute(step.feature()));
      return;
    }
    if (!d.isWritable()) {
      refuse(step, "read-only (" + d.access() + "): it cannot be set");
    }
    Object typed = StepValues.convert(d, step.value());
    StepValues.outOfRange(d, typed).ifPresent(why -> refuse(step, why));
    call(step, () -> set(d.type(), step.feature(), typed));
  }

  private void set(FeatureType type, String name, Object typed) {
    switch (type) {
      case INTEGER -> features.setInteger(name, (Long) typed);
      case FLOAT -> features.setFloat(name, (Double) typed);
      case BOOLEAN -> features.setBoolean(name, (Boolean) typed);
      default -> features.setString(name, typed.toString());
    }
  }

  private void call(FeatureStep step, Runnable action) {
    try {
      action.run();
    } catch (AravisException e) {
      throw new FeatureStepException(message(step, "the camera refused it: " + e.getMessage()), e);
    }
  }

  private static void refuse(FeatureStep step, String why) {
    throw new FeatureStepException(List.of(message(step, why)));
  }

  private String unknown(String feature) {
    if (names == null) {
      names = features.names();
    }
    return "no such feature on this camera"
        + Suggestions.closest(feature, names).map(g -> " (did you mean " + g + "?)").orElse("")
        + "; list them with 'camera-bridge features DEVICE'";
  }

  private static String typeName(FeatureDescription d) {
    String label = d.type().label();
    return ("AEIOU".indexOf(label.charAt(0)) >= 0 ? "an " : "a ") + label;
  }

  static String message(FeatureStep step, String problem) {
    return step.origin() + ": " + step.feature() + ": " + problem;
  }
}
