package io.camerabridge.config;

import java.time.Duration;

/** Checks that a trigger's fields fit its mode. */
final class TriggerValidator {
  private final Problems problems;
  private final Ranges ranges;

  TriggerValidator(Problems problems, Ranges ranges) {
    this.problems = problems;
    this.ranges = ranges;
  }

  void validate(String path, TriggerConfig trigger) {
    String mode = CameraValidator.at(path, "mode");
    switch (trigger.mode()) {
      case FREE_RUN -> {
        notFor(
            path,
            "rate",
            trigger.rate(),
            "free-run",
            "remove it (frameRate sets the free-run rate), or use mode: software");
        notFor(path, "source", trigger.source(), "free-run", "remove it, or use mode: hardware");
        notFor(
            path,
            "activation",
            trigger.activation(),
            "free-run",
            "remove it, or use mode: hardware");
        notFor(path, "delay", trigger.delay(), "free-run", "remove it, or use mode: hardware");
      }
      case SOFTWARE -> {
        if (trigger.rate() == null) {
          problems.check(
              CameraValidator.at(path, "rate"),
              "required for mode: software: frames per second to trigger, e.g. rate: 10",
              mode);
        }
        ranges.number(
            CameraValidator.at(path, "rate"), trigger.rate(), 0.001, 10_000, "triggers per second");
        notFor(path, "source", trigger.source(), "software", "remove it, or use mode: hardware");
        notFor(
            path,
            "activation",
            trigger.activation(),
            "software",
            "remove it, or use mode: hardware");
        notFor(path, "delay", trigger.delay(), "software", "remove it, or use mode: hardware");
      }
      case PLC -> {
        String hint = "remove it: the PLC's Trigger fires each frame";
        notFor(path, "rate", trigger.rate(), "plc", hint);
        notFor(path, "source", trigger.source(), "plc", hint);
        notFor(path, "activation", trigger.activation(), "plc", hint);
        notFor(path, "delay", trigger.delay(), "plc", hint);
      }
      case HARDWARE -> {
        if (trigger.source() == null || trigger.source().isBlank()) {
          problems.check(
              CameraValidator.at(path, "source"),
              "required for mode: hardware: the camera input that carries the trigger, e.g."
                  + " source: Line0 (see TriggerSource in 'camera-bridge features DEVICE')",
              mode);
        }
        notFor(
            path,
            "rate",
            trigger.rate(),
            "hardware",
            "remove it: the trigger signal sets the rate (use mode: software for a fixed rate)");
        ranges.duration(
            CameraValidator.at(path, "delay"),
            trigger.delay(),
            Duration.ZERO,
            Duration.ofSeconds(10));
      }
    }
  }

  private void notFor(String path, String key, Object value, String mode, String hint) {
    if (value != null) {
      problems.check(
          CameraValidator.at(path, key),
          key + " does not apply to mode: " + mode + ": " + hint,
          CameraValidator.at(path, "mode"));
    }
  }
}
