package io.camerabridge.bindings.raw;

import com.sun.jna.Callback;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;

/**
 * GObject ({@code libgobject-2.0.so.0}): reference counting, properties through {@link GValue}, and
 * signal connection. GType values are {@code gsize}, mapped to {@code long} (LP64).
 */
public interface GObject extends Library {
  /** Shared-object name loaded by {@link #INSTANCE}. */
  String LIBRARY = "libgobject-2.0.so.0";

  /** The loaded library; initialising it throws {@link UnsatisfiedLinkError} when absent. */
  GObject INSTANCE = Native.load(LIBRARY, GObject.class);

  /** Fundamental GType {@code G_TYPE_BOOLEAN}. */
  long G_TYPE_BOOLEAN = 5L << 2;

  /** Fundamental GType {@code G_TYPE_INT}. */
  long G_TYPE_INT = 6L << 2;

  /** Fundamental GType {@code G_TYPE_UINT}. */
  long G_TYPE_UINT = 7L << 2;

  /** Fundamental GType {@code G_TYPE_INT64}. */
  long G_TYPE_INT64 = 10L << 2;

  /** Fundamental GType {@code G_TYPE_UINT64}. */
  long G_TYPE_UINT64 = 11L << 2;

  /** Fundamental GType {@code G_TYPE_ENUM}. */
  long G_TYPE_ENUM = 12L << 2;

  /** Fundamental GType {@code G_TYPE_DOUBLE}. */
  long G_TYPE_DOUBLE = 15L << 2;

  /** Fundamental GType {@code G_TYPE_STRING}. */
  long G_TYPE_STRING = 16L << 2;

  /** {@code gpointer g_object_ref(gpointer object)}: adds a reference, returns {@code object}. */
  Pointer g_object_ref(GObjectHandle object);

  /** {@code void g_object_unref(gpointer object)}: drops a reference; the last one finalizes. */
  void g_object_unref(GObjectHandle object);

  /**
   * {@code void g_object_add_toggle_ref(GObject *object, GToggleNotify notify, gpointer data)}:
   * adds a strong reference whose {@code notify} reports when it is (or stops being) the only one.
   */
  void g_object_add_toggle_ref(GObjectHandle object, GToggleNotify notify, Pointer data);

  /**
   * {@code void g_object_remove_toggle_ref(GObject *object, GToggleNotify notify, gpointer data)}:
   * drops the toggle reference added with the same {@code notify} and {@code data}; the last
   * reference finalizes, on the calling thread.
   */
  void g_object_remove_toggle_ref(GObjectHandle object, GToggleNotify notify, Pointer data);

  /**
   * {@code GParamSpec *g_object_class_find_property(GObjectClass *oclass, const gchar
   * *property_name)}: transfer none; NULL when the class has no such property. The class is the
   * first pointer of any instance ({@code G_OBJECT_GET_CLASS}).
   */
  GParamSpecHandle g_object_class_find_property(Pointer objectClass, String propertyName);

  /** {@code void g_object_set_property(GObject *object, const gchar *name, const GValue *v)}. */
  void g_object_set_property(GObjectHandle object, String propertyName, GValue value);

  /** {@code void g_object_get_property(GObject *object, const gchar *name, GValue *v)}. */
  void g_object_get_property(GObjectHandle object, String propertyName, GValue value);

  /** {@code GValue *g_value_init(GValue *value, GType g_type)}: value must be zeroed. */
  Pointer g_value_init(GValue value, long gType);

  /** {@code void g_value_unset(GValue *value)}: releases what the value holds. */
  void g_value_unset(GValue value);

  /** {@code void g_value_set_boolean(GValue *value, gboolean v_boolean)}. */
  void g_value_set_boolean(GValue value, boolean v);

  /** {@code void g_value_set_int(GValue *value, gint v_int)}. */
  void g_value_set_int(GValue value, int v);

  /** {@code void g_value_set_uint(GValue *value, guint v_uint)}. */
  void g_value_set_uint(GValue value, int v);

  /** {@code void g_value_set_int64(GValue *value, gint64 v_int64)}. */
  void g_value_set_int64(GValue value, long v);

  /** {@code void g_value_set_uint64(GValue *value, guint64 v_uint64)}. */
  void g_value_set_uint64(GValue value, long v);

  /** {@code void g_value_set_double(GValue *value, gdouble v_double)}. */
  void g_value_set_double(GValue value, double v);

  /** {@code void g_value_set_enum(GValue *value, gint v_enum)}. */
  void g_value_set_enum(GValue value, int v);

  /** {@code gboolean g_value_get_boolean(const GValue *value)}. */
  boolean g_value_get_boolean(GValue value);

  /** {@code gint g_value_get_int(const GValue *value)}. */
  int g_value_get_int(GValue value);

  /** {@code guint g_value_get_uint(const GValue *value)}. */
  int g_value_get_uint(GValue value);

  /** {@code gint64 g_value_get_int64(const GValue *value)}. */
  long g_value_get_int64(GValue value);

  /** {@code guint64 g_value_get_uint64(const GValue *value)}. */
  long g_value_get_uint64(GValue value);

  /** {@code gdouble g_value_get_double(const GValue *value)}. */
  double g_value_get_double(GValue value);

  /** {@code gint g_value_get_enum(const GValue *value)}. */
  int g_value_get_enum(GValue value);

  /** {@code GType g_type_fundamental(GType type_id)}. */
  long g_type_fundamental(long gType);

  /** {@code const gchar *g_type_name(GType type)}: transfer none. */
  String g_type_name(long gType);

  /** {@code gboolean g_type_check_instance_is_a(GTypeInstance *instance, GType iface_type)}. */
  boolean g_type_check_instance_is_a(GObjectHandle instance, long gType);

  /**
   * {@code gulong g_signal_connect_data(gpointer instance, const gchar *detailed_signal, GCallback
   * c_handler, gpointer data, GClosureNotify destroy_data, GConnectFlags connect_flags)}: returns
   * the handler id (&gt; 0). The callback must stay reachable until disconnected.
   */
  NativeLong g_signal_connect_data(
      GObjectHandle instance,
      String detailedSignal,
      Callback handler,
      Pointer data,
      Pointer destroyData,
      int connectFlags);

  /** {@code void g_signal_handler_disconnect(gpointer instance, gulong handler_id)}. */
  void g_signal_handler_disconnect(GObjectHandle instance, NativeLong handlerId);

  /** {@code gboolean g_signal_handler_is_connected(gpointer instance, gulong handler_id)}. */
  boolean g_signal_handler_is_connected(GObjectHandle instance, NativeLong handlerId);
}
