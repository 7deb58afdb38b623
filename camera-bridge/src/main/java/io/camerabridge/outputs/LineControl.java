package io.camerabridge.outputs;

import io.camerabridge.bindings.aravis.CameraFeatures;
import java.util.function.Consumer;

/**
 * Runs feature writes on a camera's control thread ({@code camera-<id>}), which owns every camera
 * call; implemented by the camera's pipeline.
 */
public interface LineControl {
  /**
   * Runs {@code action} with the open camera's features after {@code delayNanos} (0: as soon as the
   * thread is free); returns at once. When no camera is open at that time, {@code action} is not
   * run and {@code closed} is.
   */
  void run(Consumer<CameraFeatures> action, Runnable closed, long delayNanos);
}
