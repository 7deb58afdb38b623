package io.camerabridge.bindings.aravis;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import io.camerabridge.bindings.raw.Aravis;
import io.camerabridge.bindings.raw.ArvDeviceHandle;
import io.camerabridge.bindings.raw.ArvGcNodeHandle;
import io.camerabridge.bindings.raw.GError;
import io.camerabridge.bindings.raw.GObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The GenICam node tree of one open camera. Only valid while the caller holds the camera's lock
 * (see {@link #of}): the nodes belong to the device and die with it.
 */
final class GenicamNodes {
  private static final String[] ACCESS = {"RO", "WO", "RW"};

  private final Aravis gc = AravisLibrary.aravis();
  private final GObject types = AravisLibrary.gobject();
  private final ArvGcNodeHandle genicam;

  private GenicamNodes(ArvGcNodeHandle genicam) {
    this.genicam = genicam;
  }

  /** The tree of {@code access}'s camera; the caller must hold {@code access.lock()}. */
  static GenicamNodes of(CameraAccess access) {
    if (access.isClosed()) {
      throw new IllegalStateException("Camera " + access.id() + " is closed");
    }
    ArvDeviceHandle device = AravisLibrary.aravis().arv_camera_get_device(access.handle());
    ArvGcNodeHandle genicam = AravisLibrary.aravis().arv_device_get_genicam(device);
    if (genicam == null) {
      throw new IllegalStateException("Camera " + access.id() + " has no GenICam description");
    }
    return new GenicamNodes(genicam);
  }

  /** The node called {@code name}, if the description has one. */
  Optional<ArvGcNodeHandle> node(String name) {
    return Optional.ofNullable(gc.arv_gc_get_node(genicam, name))
        .filter(n -> is(n, gc.arv_gc_feature_node_get_type()));
  }

  /** Names of every named node of the description, in document order. */
  List<String> allNames() {
    List<String> names = new ArrayList<>();
    ArvGcNodeHandle root = gc.arv_dom_document_get_document_element(genicam);
    if (root == null) {
      return names;
    }
    long featureNode = gc.arv_gc_feature_node_get_type();
    for (ArvGcNodeHandle child = gc.arv_dom_node_get_first_child(root);
        child != null;
        child = gc.arv_dom_node_get_next_sibling(child)) {
      if (is(child, featureNode)) {
        String name = gc.arv_gc_feature_node_get_name(child);
        if (name != null) {
          names.add(name);
        }
      }
    }
    return names;
  }

  /** Names of the features a category lists, in order. */
  List<String> categoryFeatures(ArvGcNodeHandle category) {
    return names(gc.arv_gc_category_get_features(category), false);
  }

  /** Names of the features a selector node selects (its pSelected), in order; else empty. */
  List<String> selectedFeatures(ArvGcNodeHandle node) {
    if (!is(node, gc.arv_gc_selector_get_type()) || !gc.arv_gc_selector_is_selector(node)) {
      return List.of();
    }
    return names(gc.arv_gc_selector_get_selected_features(node), true);
  }

  FeatureType typeOf(ArvGcNodeHandle node) {
    // Enumerations and booleans also implement the integer interface: test them first.
    if (is(node, gc.arv_gc_category_get_type())) {
      return FeatureType.CATEGORY;
    }
    if (is(node, gc.arv_gc_enumeration_get_type())) {
      return FeatureType.ENUMERATION;
    }
    if (is(node, gc.arv_gc_boolean_get_type())) {
      return FeatureType.BOOLEAN;
    }
    if (is(node, gc.arv_gc_command_get_type())) {
      return FeatureType.COMMAND;
    }
    if (is(node, gc.arv_gc_integer_get_type())) {
      return FeatureType.INTEGER;
    }
    if (is(node, gc.arv_gc_float_get_type())) {
      return FeatureType.FLOAT;
    }
    if (is(node, gc.arv_gc_string_get_type())) {
      return FeatureType.STRING;
    }
    if (is(node, gc.arv_gc_register_get_type())) {
      return FeatureType.REGISTER;
    }
    return FeatureType.OTHER;
  }

  /** The GenICam XML element of the node: {@code Integer}, {@code IntReg}, {@code Converter}... */
  String elementOf(ArvGcNodeHandle node) {
    String name = gc.arv_dom_node_get_node_name(node);
    return name == null ? "" : name;
  }

  /** {@code RO}, {@code WO}, {@code RW}, or empty when undefined. */
  String accessOf(ArvGcNodeHandle node) {
    int mode = gc.arv_gc_feature_node_get_actual_access_mode(node);
    return mode >= 0 && mode < ACCESS.length ? ACCESS[mode] : "";
  }

  /** Implemented and currently available; a failing check counts as not available. */
  boolean isAvailable(ArvGcNodeHandle node) {
    PointerByReference error = new PointerByReference();
    boolean available =
        gc.arv_gc_feature_node_is_implemented(node, error)
            && error.getValue() == null
            && gc.arv_gc_feature_node_is_available(node, error)
            && error.getValue() == null;
    clear(error);
    return available;
  }

  Optional<String> description(ArvGcNodeHandle node) {
    return Optional.ofNullable(gc.arv_gc_feature_node_get_description(node))
        .map(String::strip)
        .filter(d -> !d.isEmpty());
  }

  /** The value as text, or the reason it could not be read ({@code left}/{@code right}). */
  ValueText valueOf(ArvGcNodeHandle node) {
    PointerByReference error = new PointerByReference();
    String value = gc.arv_gc_feature_node_get_value_as_string(node, error);
    if (error.getValue() != null) {
      String message = new GError(error.getValue()).messageText();
      clear(error);
      return new ValueText(Optional.empty(), Optional.of(message));
    }
    return new ValueText(Optional.ofNullable(value), Optional.empty());
  }

  /** A value read as text, or why reading failed. */
  record ValueText(Optional<String> value, Optional<String> error) {}

  private List<String> names(Pointer list, boolean nodes) {
    List<String> out = new ArrayList<>();
    for (Pointer item = list; item != null; item = item.getPointer(Native.POINTER_SIZE)) {
      Pointer data = item.getPointer(0);
      if (data == null) {
        continue;
      }
      String name =
          nodes ? gc.arv_gc_feature_node_get_name(new ArvGcNodeHandle(data)) : data.getString(0);
      if (name != null) {
        out.add(name);
      }
    }
    return out;
  }

  private boolean is(ArvGcNodeHandle node, long type) {
    return types.g_type_check_instance_is_a(node, type);
  }

  private static void clear(PointerByReference error) {
    if (error.getValue() != null) {
      AravisLibrary.glib().g_error_free(error.getValue());
      error.setValue(null);
    }
  }
}
