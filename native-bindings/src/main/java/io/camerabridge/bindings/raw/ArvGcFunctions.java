package io.camerabridge.bindings.raw;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;

/**
 * The GenICam node tree of Aravis 0.8 ({@code arvgc.h}, {@code arvgcnode.h}, {@code
 * arvgccategory.h}, {@code arvgcfeaturenode.h}), for walking every feature a device offers. All
 * pointers are transfer none: the tree belongs to the device and lives as long as it does.
 */
public interface ArvGcFunctions extends Library {
  /** Bound to the same library as {@link Aravis}. */
  ArvGcFunctions INSTANCE = Native.load(Aravis.LIBRARY, ArvGcFunctions.class);

  /** {@code ArvGc *arv_device_get_genicam(ArvDevice *device)}: transfer none. */
  Pointer arv_device_get_genicam(ArvDeviceHandle device);

  /**
   * {@code ArvGcNode *arv_gc_get_node(ArvGc *genicam, const char *name)}: transfer none, nullable.
   */
  Pointer arv_gc_get_node(Pointer genicam, String name);

  /**
   * {@code const GSList *arv_gc_category_get_features(ArvGcCategory *category)}: transfer none; a
   * list of {@code const char *} feature names.
   */
  Pointer arv_gc_category_get_features(Pointer category);

  /** {@code ArvGcAccessMode arv_gc_feature_node_get_actual_access_mode(ArvGcFeatureNode *)}. */
  int arv_gc_feature_node_get_actual_access_mode(Pointer node);

  /** {@code gboolean arv_gc_feature_node_is_available(ArvGcFeatureNode *, GError **)}. */
  boolean arv_gc_feature_node_is_available(Pointer node, PointerByReference error);

  /** {@code gboolean arv_gc_feature_node_is_implemented(ArvGcFeatureNode *, GError **)}. */
  boolean arv_gc_feature_node_is_implemented(Pointer node, PointerByReference error);

  /**
   * {@code const char *arv_gc_feature_node_get_value_as_string(ArvGcFeatureNode *, GError **)}:
   * transfer none, valid until the next call on the node.
   */
  Pointer arv_gc_feature_node_get_value_as_string(Pointer node, PointerByReference error);

  /** {@code GType arv_gc_category_get_type(void)}. */
  long arv_gc_category_get_type();

  /** {@code GType arv_gc_integer_get_type(void)} (an interface). */
  long arv_gc_integer_get_type();

  /** {@code GType arv_gc_float_get_type(void)} (an interface). */
  long arv_gc_float_get_type();

  /** {@code GType arv_gc_string_get_type(void)} (an interface). */
  long arv_gc_string_get_type();

  /** {@code GType arv_gc_enumeration_get_type(void)}. */
  long arv_gc_enumeration_get_type();

  /** {@code GType arv_gc_boolean_get_type(void)}. */
  long arv_gc_boolean_get_type();

  /** {@code GType arv_gc_command_get_type(void)}. */
  long arv_gc_command_get_type();

  /** {@code GType arv_gc_register_get_type(void)} (an interface). */
  long arv_gc_register_get_type();

  /** {@code gboolean g_type_check_instance_is_a(GTypeInstance *instance, GType type)} (GObject). */
  interface TypeCheck extends Library {
    TypeCheck INSTANCE = Native.load(GObject.LIBRARY, TypeCheck.class);

    boolean g_type_check_instance_is_a(Pointer instance, long type);
  }
}
