package io.camerabridge.bindings.raw;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;

/**
 * The GenICam node tree of Aravis 0.8 ({@code arvdevice.h}, {@code arvgc.h}, {@code
 * arvgccategory.h}, {@code arvgcfeaturenode.h}), for walking every feature a device offers. All
 * results are transfer none: the tree belongs to the device and lives as long as it does. The
 * {@code ArvGc} document is passed as an {@link ArvGcNodeHandle} too (both are GObjects).
 */
public interface ArvGcFunctions {
  /** {@code ArvGc *arv_device_get_genicam(ArvDevice *device)}: transfer none. */
  ArvGcNodeHandle arv_device_get_genicam(ArvDeviceHandle device);

  /** {@code ArvGcNode *arv_gc_get_node(ArvGc *genicam, const char *name)}: nullable. */
  ArvGcNodeHandle arv_gc_get_node(ArvGcNodeHandle genicam, String name);

  /**
   * {@code const GSList *arv_gc_category_get_features(ArvGcCategory *category)}: a list of {@code
   * const char *} feature names ({@code GSList}: data pointer at 0, next pointer after it).
   */
  Pointer arv_gc_category_get_features(ArvGcNodeHandle category);

  /**
   * {@code ArvGcAccessMode arv_gc_feature_node_get_actual_access_mode(ArvGcFeatureNode *)}: RO 0,
   * WO 1, RW 2, undefined -1.
   */
  int arv_gc_feature_node_get_actual_access_mode(ArvGcNodeHandle node);

  /** {@code gboolean arv_gc_feature_node_is_available(ArvGcFeatureNode *, GError **)}. */
  boolean arv_gc_feature_node_is_available(ArvGcNodeHandle node, PointerByReference error);

  /** {@code gboolean arv_gc_feature_node_is_implemented(ArvGcFeatureNode *, GError **)}. */
  boolean arv_gc_feature_node_is_implemented(ArvGcNodeHandle node, PointerByReference error);

  /**
   * {@code const char *arv_gc_feature_node_get_value_as_string(ArvGcFeatureNode *, GError **)}:
   * transfer none, valid until the next call on the node (JNA copies it at once).
   */
  String arv_gc_feature_node_get_value_as_string(ArvGcNodeHandle node, PointerByReference error);

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
}
