package io.camerabridge.config;

import com.fasterxml.jackson.core.JsonStreamContext;
import java.util.ArrayDeque;
import java.util.Deque;

/** Document paths in the form users read them: {@code cameras[0].pekat.url}. */
final class YamlPaths {
  private YamlPaths() {}

  /**
   * The path of the parser's current token. At a container start the context is already the new
   * container's, which has no name or index yet, so the path is that of the container itself.
   */
  static String of(JsonStreamContext context) {
    Deque<String> parts = new ArrayDeque<>();
    for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
      if (c.inObject() && c.getCurrentName() != null) {
        parts.addFirst("." + c.getCurrentName());
      } else if (c.inArray() && c.hasCurrentIndex()) {
        parts.addFirst("[" + c.getCurrentIndex() + "]");
      }
    }
    String joined = String.join("", parts);
    return joined.startsWith(".") ? joined.substring(1) : joined;
  }

  /** {@code parent + "." + key}, or just the key at the top level. */
  static String child(String parent, String key) {
    return parent.isEmpty() ? key : parent + "." + key;
  }

  /** {@code parent + "[" + index + "]"}. */
  static String element(String parent, int index) {
    return parent + "[" + index + "]";
  }

  /** The enclosing path: {@code a.b[2]} for {@code a.b[2].c}, empty at the top. */
  static String parent(String path) {
    int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
    return cut < 0 ? "" : path.substring(0, cut);
  }

  /** Whether one path is the other or lies inside it. */
  static boolean related(String a, String b) {
    return encloses(a, b) || encloses(b, a);
  }

  private static boolean encloses(String outer, String inner) {
    if (outer.isEmpty() || outer.equals(inner)) {
      return true;
    }
    return inner.startsWith(outer)
        && (inner.charAt(outer.length()) == '.' || inner.charAt(outer.length()) == '[');
  }
}
