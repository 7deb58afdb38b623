package io.camerabridge.bindings.aravis;

import io.camerabridge.bindings.raw.GObject;
import io.camerabridge.bindings.raw.GObjectHandle;
import io.camerabridge.bindings.raw.GParamSpecHandle;
import io.camerabridge.bindings.raw.GValue;

/**
 * Type-checked GObject property access through {@code GValue}: the value is initialised with the
 * property's own GType (looked up in its GParamSpec), so an enum, a guint or a gdouble property
 * receives exactly the C type it expects — unlike {@code g_object_set} varargs, where a wrong width
 * is undefined behaviour.
 */
final class GObjectProperties {
  private GObjectProperties() {}

  static void set(GObjectHandle object, String name, Number value) {
    GObject g = AravisLibrary.gobject();
    GParamSpecHandle spec = find(g, object, name);
    long type = spec.valueType();
    GValue v = new GValue();
    g.g_value_init(v, type);
    try {
      long fundamental = g.g_type_fundamental(type);
      if (fundamental == GObject.G_TYPE_INT) {
        g.g_value_set_int(v, Math.toIntExact(value.longValue()));
      } else if (fundamental == GObject.G_TYPE_UINT) {
        g.g_value_set_uint(v, (int) unsigned32(name, value.longValue()));
      } else if (fundamental == GObject.G_TYPE_ENUM) {
        g.g_value_set_enum(v, value.intValue());
      } else if (fundamental == GObject.G_TYPE_DOUBLE) {
        g.g_value_set_double(v, value.doubleValue());
      } else if (fundamental == GObject.G_TYPE_INT64) {
        g.g_value_set_int64(v, value.longValue());
      } else if (fundamental == GObject.G_TYPE_UINT64) {
        g.g_value_set_uint64(v, value.longValue());
      } else if (fundamental == GObject.G_TYPE_BOOLEAN) {
        g.g_value_set_boolean(v, value.intValue() != 0);
      } else {
        throw new IllegalArgumentException(
            "Property '" + name + "' has unsupported type " + g.g_type_name(type));
      }
      g.g_object_set_property(object, name, v);
    } finally {
      g.g_value_unset(v);
    }
  }

  static Number get(GObjectHandle object, String name) {
    GObject g = AravisLibrary.gobject();
    long type = find(g, object, name).valueType();
    GValue v = new GValue();
    g.g_value_init(v, type);
    try {
      g.g_object_get_property(object, name, v);
      long fundamental = g.g_type_fundamental(type);
      if (fundamental == GObject.G_TYPE_INT) {
        return g.g_value_get_int(v);
      } else if (fundamental == GObject.G_TYPE_UINT) {
        return Integer.toUnsignedLong(g.g_value_get_uint(v));
      } else if (fundamental == GObject.G_TYPE_ENUM) {
        return g.g_value_get_enum(v);
      } else if (fundamental == GObject.G_TYPE_DOUBLE) {
        return g.g_value_get_double(v);
      } else if (fundamental == GObject.G_TYPE_INT64) {
        return g.g_value_get_int64(v);
      } else if (fundamental == GObject.G_TYPE_UINT64) {
        return g.g_value_get_uint64(v);
      } else if (fundamental == GObject.G_TYPE_BOOLEAN) {
        return g.g_value_get_boolean(v) ? 1 : 0;
      }
      throw new IllegalArgumentException(
          "Property '" + name + "' has unsupported type " + g.g_type_name(type));
    } finally {
      g.g_value_unset(v);
    }
  }

  private static GParamSpecHandle find(GObject g, GObjectHandle object, String name) {
    // G_OBJECT_GET_CLASS(object): the class pointer is the first field of every instance.
    GParamSpecHandle spec = g.g_object_class_find_property(object.getPointer().getPointer(0), name);
    if (spec == null) {
      throw new IllegalArgumentException("Object has no property '" + name + "'");
    }
    return spec;
  }

  private static long unsigned32(String name, long value) {
    if (value < 0 || value > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException(
          "Property '" + name + "' takes 0.." + 0xFFFF_FFFFL + ", not " + value);
    }
    return value;
  }
}
