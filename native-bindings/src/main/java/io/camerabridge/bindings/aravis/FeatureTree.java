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
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Walks a camera's GenICam feature tree from its {@code Root} category, depth first, in the order
 * the camera's description lists the features, like {@code arv-tool-0.8 values}: every feature with
 * its type, access mode and current value. Read-only: it never writes the camera.
 */
public final class FeatureTree {
  private static final int MAX_DEPTH = 16;
  private static final String[] ACCESS = {"RO", "WO", "RW"};

  private final Aravis gc = AravisLibrary.aravis();
  private final GObject types = AravisLibrary.gobject();
  private final ArvGcNodeHandle genicam;
  private final List<FeatureInfo> out = new ArrayList<>();
  private final Set<String> seen = new HashSet<>();

  private FeatureTree(ArvGcNodeHandle genicam) {
    this.genicam = genicam;
  }

  /** Every feature of the camera; values that cannot be read carry the error instead. */
  public static List<FeatureInfo> walk(Camera camera) {
    CameraAccess access = camera.access();
    synchronized (access.lock()) {
      if (access.isClosed()) {
        throw new IllegalStateException("Camera " + access.id() + " is closed");
      }
      ArvDeviceHandle device = AravisLibrary.aravis().arv_camera_get_device(access.handle());
      ArvGcNodeHandle genicam = AravisLibrary.aravis().arv_device_get_genicam(device);
      if (genicam == null) {
        throw new IllegalStateException("Camera " + access.id() + " has no GenICam description");
      }
      FeatureTree tree = new FeatureTree(genicam);
      tree.visit("Root", -1);
      return List.copyOf(tree.out);
    }
  }

  private void visit(String name, int depth) {
    if (depth > MAX_DEPTH || !seen.add(name)) {
      return;
    }
    ArvGcNodeHandle node = gc.arv_gc_get_node(genicam, name);
    if (node == null) {
      return;
    }
    if (is(node, gc.arv_gc_category_get_type())) {
      if (depth >= 0) {
        out.add(
            new FeatureInfo(name, depth, "Category", "", true, Optional.empty(), Optional.empty()));
      }
      for (Pointer item = gc.arv_gc_category_get_features(node);
          item != null;
          item = item.getPointer(Native.POINTER_SIZE)) {
        Pointer child = item.getPointer(0);
        if (child != null) {
          visit(child.getString(0), depth + 1);
        }
      }
      return;
    }
    out.add(describe(name, depth, node));
  }

  private FeatureInfo describe(String name, int depth, ArvGcNodeHandle node) {
    String type = typeOf(node);
    int mode = gc.arv_gc_feature_node_get_actual_access_mode(node);
    String access = mode >= 0 && mode < ACCESS.length ? ACCESS[mode] : "";
    PointerByReference error = new PointerByReference();
    boolean available =
        gc.arv_gc_feature_node_is_implemented(node, error)
            && noError(error)
            && gc.arv_gc_feature_node_is_available(node, error)
            && noError(error);
    clear(error);
    if (!available || "Command".equals(type) || "WO".equals(access)) {
      return new FeatureInfo(
          name, depth, type, access, available, Optional.empty(), Optional.empty());
    }
    String value = gc.arv_gc_feature_node_get_value_as_string(node, error);
    if (error.getValue() != null) {
      String message = new GError(error.getValue()).messageText();
      clear(error);
      return new FeatureInfo(
          name, depth, type, access, true, Optional.empty(), Optional.of(message));
    }
    return new FeatureInfo(
        name, depth, type, access, true, Optional.ofNullable(value), Optional.empty());
  }

  private String typeOf(ArvGcNodeHandle node) {
    if (is(node, gc.arv_gc_enumeration_get_type())) {
      return "Enumeration";
    }
    if (is(node, gc.arv_gc_boolean_get_type())) {
      return "Boolean";
    }
    if (is(node, gc.arv_gc_command_get_type())) {
      return "Command";
    }
    if (is(node, gc.arv_gc_integer_get_type())) {
      return "Integer";
    }
    if (is(node, gc.arv_gc_float_get_type())) {
      return "Float";
    }
    if (is(node, gc.arv_gc_string_get_type())) {
      return "String";
    }
    if (is(node, gc.arv_gc_register_get_type())) {
      return "Register";
    }
    return "Node";
  }

  private boolean is(ArvGcNodeHandle node, long type) {
    return types.g_type_check_instance_is_a(node, type);
  }

  private static boolean noError(PointerByReference error) {
    return error.getValue() == null;
  }

  private static void clear(PointerByReference error) {
    if (error.getValue() != null) {
      AravisLibrary.glib().g_error_free(error.getValue());
      error.setValue(null);
    }
  }
}
