package io.camerabridge.bindings.aravis;

import com.sun.jna.Pointer;
import java.util.List;

/** Copies transfer-container arrays out of native memory and frees them with {@code g_free}. */
final class NativeArrays {
  private NativeArrays() {}

  /** A {@code const char **} of {@code n} entries whose strings are not owned by the array. */
  static List<String> strings(Pointer array, int n) {
    if (array == null) {
      return List.of();
    }
    try {
      return List.of(array.getStringArray(0, n));
    } finally {
      AravisLibrary.glib().g_free(array);
    }
  }

  /** A {@code gint64 *} of {@code n} entries. */
  static long[] longs(Pointer array, int n) {
    if (array == null) {
      return new long[0];
    }
    try {
      return array.getLongArray(0, n);
    } finally {
      AravisLibrary.glib().g_free(array);
    }
  }
}
