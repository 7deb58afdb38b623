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

  /**
   * {@code ArvDomElement *arv_dom_document_get_document_element(ArvDomDocument *self)} ({@code
   * arvdomdocument.h}): the {@code RegisterDescription} element of the {@code ArvGc} document;
   * transfer none.
   */
  ArvGcNodeHandle arv_dom_document_get_document_element(ArvGcNodeHandle document);

  /**
   * {@code ArvDomNode *arv_dom_node_get_first_child(ArvDomNode *self)}: nullable, transfer none.
   */
  ArvGcNodeHandle arv_dom_node_get_first_child(ArvGcNodeHandle node);

  /**
   * {@code ArvDomNode *arv_dom_node_get_next_sibling(ArvDomNode *self)}: nullable, transfer none.
   */
  ArvGcNodeHandle arv_dom_node_get_next_sibling(ArvGcNodeHandle node);

  /**
   * {@code const char *arv_dom_node_get_node_name(ArvDomNode *self)}: the XML element name, e.g.
   * {@code Integer}, {@code IntReg}, {@code Converter}; transfer none.
   */
  String arv_dom_node_get_node_name(ArvGcNodeHandle node);

  /** {@code GType arv_gc_feature_node_get_type(void)}: every named node of the description. */
  long arv_gc_feature_node_get_type();

  /** {@code const char *arv_gc_feature_node_get_name(ArvGcFeatureNode *)}: transfer none. */
  String arv_gc_feature_node_get_name(ArvGcNodeHandle node);

  /**
   * {@code const char *arv_gc_feature_node_get_description(ArvGcFeatureNode *)}: nullable, transfer
   * none.
   */
  String arv_gc_feature_node_get_description(ArvGcNodeHandle node);

  /** {@code GType arv_gc_selector_get_type(void)} (an interface: enumerations and integers). */
  long arv_gc_selector_get_type();

  /** {@code gboolean arv_gc_selector_is_selector(ArvGcSelector *)}: whether it has pSelected. */
  boolean arv_gc_selector_is_selector(ArvGcNodeHandle selector);

  /**
   * {@code const GSList *arv_gc_selector_get_selected_features(ArvGcSelector *)}: a list of {@code
   * ArvGcFeatureNode *} (data pointer at 0, next after it), owned by the selector; transfer none.
   */
  Pointer arv_gc_selector_get_selected_features(ArvGcNodeHandle selector);
}
