package io.camerabridge.pipeline;

import io.camerabridge.bindings.aravis.Camera;
import io.camerabridge.bindings.aravis.IntRange;
import io.camerabridge.bindings.aravis.Region;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks the region a camera is about to be given against the camera's own bounds (GenICam min, max
 * and increment of Width, Height, OffsetX, OffsetY), because many cameras, Aravis's fake among
 * them, store a Width beyond the sensor without a word and then stream something else than what the
 * file says. Each problem names the configuration key, the value and what the camera allows.
 */
final class RegionCheck {
  private final String cameraId;
  private final Camera camera;

  RegionCheck(String cameraId, Camera camera) {
    this.cameraId = cameraId;
    this.camera = camera;
  }

  /**
   * Throws a misconfiguration naming every value of {@code wanted} outside the camera's bounds.
   * Moves the offsets to 0 first when they are not: on most cameras the maximum Width and Height
   * shrink with the offsets, and only at offset 0 do they tell the sensor's (binned) size.
   */
  void check(Region current, Region wanted) {
    if (current.x() != 0 || current.y() != 0) {
      camera.image().setRegion(new Region(0, 0, current.width(), current.height()));
    }
    Region.Bounds bounds = camera.image().regionBounds();
    List<String> problems = new ArrayList<>();
    // An offset is only worth checking against a size the camera can take.
    if (size(problems, "width", "Width", wanted.width(), bounds.width())) {
      offset(problems, "offsetX", "OffsetX", wanted.x(), "width", wanted.width(), bounds.width());
    }
    if (size(problems, "height", "Height", wanted.height(), bounds.height())) {
      offset(
          problems, "offsetY", "OffsetY", wanted.y(), "height", wanted.height(), bounds.height());
    }
    if (!problems.isEmpty()) {
      throw CameraSetupException.refused(
          cameraId,
          "the region "
              + wanted.width()
              + "x"
              + wanted.height()
              + " at ("
              + wanted.x()
              + ","
              + wanted.y()
              + ") does not fit the camera: "
              + String.join("; ", problems));
    }
  }

  /** Whether {@code value} lies within the range (a step off the increment is reported too). */
  private boolean size(List<String> problems, String key, String feature, int value, IntRange r) {
    if (!r.contains(value)) {
      problems.add(
          key + " " + value + " is outside the camera's " + feature + " range " + range(r));
      return false;
    }
    step(problems, key, feature, value, r.min());
    return true;
  }

  private void offset(
      List<String> problems,
      String key,
      String feature,
      int value,
      String sizeKey,
      int size,
      IntRange sensor) {
    long room = sensor.max() - size;
    if (value < 0 || value > room) {
      problems.add(
          key
              + " "
              + value
              + " with "
              + sizeKey
              + " "
              + size
              + " reaches beyond the sensor's "
              + sensor.max()
              + " pixels: "
              + key
              + " may be 0.."
              + Math.max(0, room));
      return;
    }
    step(problems, key, feature, value, 0);
  }

  private void step(List<String> problems, String key, String feature, int value, long min) {
    long inc = increment(feature);
    if (inc > 1 && (value - min) % inc != 0) {
      long below = value - (value - min) % inc;
      problems.add(
          key
              + " "
              + value
              + " is not a step of the camera's "
              + feature
              + " increment "
              + inc
              + " (e.g. "
              + below
              + " or "
              + (below + inc)
              + ")");
    }
  }

  private long increment(String feature) {
    try {
      return camera.features().integerIncrement(feature);
    } catch (RuntimeException e) {
      // No increment to read means none is declared: any value in range goes.
      return 1;
    }
  }

  private static String range(IntRange r) {
    return r.min() + ".." + r.max();
  }
}
