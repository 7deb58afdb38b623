package io.camerabridge.bindings.aravis;

import com.sun.jna.ptr.DoubleByReference;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;
import io.camerabridge.bindings.raw.Aravis;
import io.camerabridge.bindings.raw.ArvGcNodeHandle;
import java.util.List;
import java.util.Optional;

/**
 * GenICam features of one camera, by name. A view of its {@link Camera}: valid until the camera is
 * closed. Failures throw {@link AravisException} naming the feature (unknown feature:
 * FEATURE_NOT_FOUND; wrong type: WRONG_FEATURE).
 */
public final class CameraFeatures {
  private final CameraAccess camera;
  private final Aravis arv = AravisLibrary.aravis();

  CameraFeatures(CameraAccess camera) {
    this.camera = camera;
  }

  /** Reads a string (or enumeration) feature. */
  public String getString(String feature) {
    return camera.call(
        () -> reading("string", feature), (h, e) -> arv.arv_camera_get_string(h, feature, e));
  }

  /** Writes a string (or enumeration) feature. */
  public void setString(String feature, String value) {
    camera.run(
        () -> writing("string", feature, value),
        (h, e) -> arv.arv_camera_set_string(h, feature, value, e));
  }

  /** Reads an integer feature. */
  public long getInteger(String feature) {
    return camera.call(
        () -> reading("integer", feature), (h, e) -> arv.arv_camera_get_integer(h, feature, e));
  }

  /** Writes an integer feature. */
  public void setInteger(String feature, long value) {
    camera.run(
        () -> writing("integer", feature, value),
        (h, e) -> arv.arv_camera_set_integer(h, feature, value, e));
  }

  /** Reads a float feature. */
  public double getFloat(String feature) {
    return camera.call(
        () -> reading("float", feature), (h, e) -> arv.arv_camera_get_float(h, feature, e));
  }

  /** Writes a float feature. */
  public void setFloat(String feature, double value) {
    camera.run(
        () -> writing("float", feature, value),
        (h, e) -> arv.arv_camera_set_float(h, feature, value, e));
  }

  /** Reads a boolean feature. */
  public boolean getBoolean(String feature) {
    return camera.call(
        () -> reading("boolean", feature), (h, e) -> arv.arv_camera_get_boolean(h, feature, e));
  }

  /** Writes a boolean feature. */
  public void setBoolean(String feature, boolean value) {
    camera.run(
        () -> writing("boolean", feature, value),
        (h, e) -> arv.arv_camera_set_boolean(h, feature, value, e));
  }

  /** Executes a command feature, e.g. {@code TriggerSoftware}. */
  public void execute(String command) {
    camera.run(
        () -> "Executing command '" + command + "' on " + camera.id(),
        (h, e) -> arv.arv_camera_execute_command(h, command, e));
  }

  /** Entries of an enumeration feature that are currently available. */
  public List<String> enumerationEntries(String feature) {
    IntByReference n = new IntByReference();
    return camera.call(
        () -> reading("enumeration", feature),
        (h, e) ->
            NativeArrays.strings(
                arv.arv_camera_dup_available_enumerations_as_strings(h, feature, n, e),
                n.getValue()));
  }

  /** Whether {@code entry} of enumeration {@code feature} is currently available. */
  public boolean isEnumerationEntryAvailable(String feature, String entry) {
    return camera.call(
        () -> reading("enumeration", feature),
        (h, e) -> arv.arv_camera_is_enumeration_entry_available(h, feature, entry, e));
  }

  /** Bounds of an integer feature. */
  public IntRange integerBounds(String feature) {
    LongByReference min = new LongByReference();
    LongByReference max = new LongByReference();
    camera.run(
        () -> reading("integer bounds of", feature),
        (h, e) -> arv.arv_camera_get_integer_bounds(h, feature, min, max, e));
    return new IntRange(min.getValue(), max.getValue());
  }

  /** Bounds of a float feature. */
  public DoubleRange floatBounds(String feature) {
    DoubleByReference min = new DoubleByReference();
    DoubleByReference max = new DoubleByReference();
    camera.run(
        () -> reading("float bounds of", feature),
        (h, e) -> arv.arv_camera_get_float_bounds(h, feature, min, max, e));
    return new DoubleRange(min.getValue(), max.getValue());
  }

  /** Whether the feature exists and is currently available (false for unknown names). */
  public boolean isAvailable(String feature) {
    return camera.call(
        () -> reading("availability of", feature),
        (h, e) -> arv.arv_camera_is_feature_available(h, feature, e));
  }

  /** Whether the feature is implemented by this camera (false for unknown names). */
  public boolean isImplemented(String feature) {
    return camera.call(
        () -> reading("implementation of", feature),
        (h, e) -> arv.arv_camera_is_feature_implemented(h, feature, e));
  }

  /**
   * Type, access, availability, range or entries and current value of {@code feature}; empty when
   * the camera's description has no such node. Reads only.
   */
  public Optional<FeatureDescription> describe(String feature) {
    synchronized (camera.lock()) {
      GenicamNodes nodes = GenicamNodes.of(camera);
      Optional<ArvGcNodeHandle> found = nodes.node(feature);
      if (found.isEmpty()) {
        return Optional.empty();
      }
      ArvGcNodeHandle node = found.get();
      FeatureType type = nodes.typeOf(node);
      String access = nodes.accessOf(node);
      boolean available = nodes.isAvailable(node);
      boolean readable = available && ("RO".equals(access) || "RW".equals(access));
      Optional<String> value =
          readable && type != FeatureType.COMMAND && type != FeatureType.CATEGORY
              ? nodes.valueOf(node).value()
              : Optional.empty();
      return Optional.of(
          new FeatureDescription(
              feature,
              type,
              access,
              available,
              nodes.description(node),
              value,
              type == FeatureType.INTEGER && available
                  ? quietly(() -> integerBounds(feature))
                  : Optional.empty(),
              type == FeatureType.INTEGER && available
                  ? quietly(() -> integerIncrement(feature)).orElse(1L)
                  : 1,
              type == FeatureType.FLOAT && available
                  ? quietly(() -> floatBounds(feature))
                  : Optional.empty(),
              type == FeatureType.ENUMERATION && available
                  ? quietly(() -> enumerationEntries(feature)).orElse(List.of())
                  : List.of(),
              nodes.selectedFeatures(node)));
    }
  }

  /** Names of every named node of the camera's description, in document order. */
  public List<String> names() {
    synchronized (camera.lock()) {
      return List.copyOf(GenicamNodes.of(camera).allNames());
    }
  }

  /** Step of an integer feature (Aravis answers 1 when none is declared). */
  public long integerIncrement(String feature) {
    return camera.call(
        () -> reading("integer increment of", feature),
        (h, e) -> arv.arv_camera_get_integer_increment(h, feature, e));
  }

  /** Applies {@code Name=value} pairs separated by spaces, in order. */
  public void setFromString(String assignments) {
    camera.run(
        () -> "Applying features '" + assignments + "' on " + camera.id(),
        (h, e) ->
            arv.arv_device_set_features_from_string(arv.arv_camera_get_device(h), assignments, e));
  }

  /** Ranges of computed nodes (formulas, swiss knives) may not be readable: then there is none. */
  private static <T> Optional<T> quietly(java.util.function.Supplier<T> read) {
    try {
      return Optional.ofNullable(read.get());
    } catch (AravisException e) {
      return Optional.empty();
    }
  }

  private String reading(String type, String feature) {
    return "Reading " + type + " feature '" + feature + "' of " + camera.id();
  }

  private String writing(String type, String feature, Object value) {
    return "Setting " + type + " feature '" + feature + "' of " + camera.id() + " to " + value;
  }
}
