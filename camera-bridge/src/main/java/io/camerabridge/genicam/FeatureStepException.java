package io.camerabridge.genicam;

import java.util.List;

/**
 * Feature steps the camera refused: each problem names where the step was written ({@code
 * FILE:LINE}), the feature, and what the camera allows, e.g. {@code camera-bridge.yaml:14:9:
 * LineMode: 'Outptu' is not an entry of this camera's LineMode; use Input, Output}.
 */
public final class FeatureStepException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient List<String> problems;

  FeatureStepException(List<String> problems) {
    super(String.join("; ", problems));
    this.problems = List.copyOf(problems);
  }

  FeatureStepException(String problem, Throwable cause) {
    super(problem, cause);
    this.problems = List.of(problem);
  }

  /** One message per refused step, in step order. */
  public List<String> problems() {
    return problems;
  }
}
