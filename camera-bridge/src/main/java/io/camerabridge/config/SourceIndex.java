package io.camerabridge.config;

import java.util.HashMap;
import java.util.Map;

/**
 * Where each key and value of the document starts, by path, so that checks made after binding
 * (ranges, cross-field rules) can still point at a line and column.
 */
final class SourceIndex {
  /** A 1-based position in the file. */
  record Mark(int line, int column) {
    static final Mark NONE = new Mark(0, 0);
  }

  private final Map<String, Mark> keys = new HashMap<>();
  private final Map<String, Mark> values = new HashMap<>();

  void putKey(String path, Mark mark) {
    keys.putIfAbsent(path, mark);
  }

  void putValue(String path, Mark mark) {
    values.putIfAbsent(path, mark);
  }

  /** The key's position, else the nearest enclosing value's. */
  Mark key(String path) {
    Mark mark = keys.get(path);
    return mark != null ? mark : value(path);
  }

  /**
   * The value's position; for a key that is absent, the position of the closest enclosing mapping
   * that is present (where the missing key belongs).
   */
  Mark value(String path) {
    for (String p = path; ; p = YamlPaths.parent(p)) {
      Mark mark = values.get(p);
      if (mark != null) {
        return mark;
      }
      if (p.isEmpty()) {
        return Mark.NONE;
      }
    }
  }
}
