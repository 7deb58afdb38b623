package io.camerabridge.tools.sim;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A request's query, decoded the way a Python web server does ({@code +} and {@code %XX}), keeping
 * bare flags such as {@code bayer} (value {@code ""}) and the first value of a repeated name.
 */
final class QueryParams {
  private final Map<String, String> values;

  private QueryParams(Map<String, String> values) {
    this.values = values;
  }

  /**
   * Parses the part of a URI after {@code ?} (or {@code null} for none).
   *
   * @throws IllegalArgumentException on malformed percent-encoding
   */
  static QueryParams parse(String rawQuery) {
    Map<String, String> values = new LinkedHashMap<>();
    if (rawQuery != null && !rawQuery.isEmpty()) {
      for (String pair : rawQuery.split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        int eq = pair.indexOf('=');
        String name = decode(eq < 0 ? pair : pair.substring(0, eq));
        String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
        values.putIfAbsent(name, value);
      }
    }
    return new QueryParams(Collections.unmodifiableMap(values));
  }

  private static String decode(String text) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("malformed percent-encoding in the query: '" + text + "'");
    }
  }

  /** The value, {@code ""} for a bare flag, {@code null} when absent. */
  String get(String name) {
    return values.get(name);
  }

  boolean has(String name) {
    return values.containsKey(name);
  }

  /**
   * A flag such as {@code bayer} or {@code context_in_body}: on when present bare or with any value
   * except {@code 0}, {@code false} or {@code no} (the SDKs send it bare or as {@code =1}).
   */
  boolean flag(String name) {
    String value = values.get(name);
    if (value == null) {
      return false;
    }
    String v = value.toLowerCase(Locale.ROOT);
    return !(v.equals("0") || v.equals("false") || v.equals("no"));
  }

  /** All parameters in request order, with the {@code api_key} value redacted. */
  Map<String, String> redacted() {
    if (!values.containsKey("api_key")) {
      return values;
    }
    Map<String, String> copy = new LinkedHashMap<>(values);
    copy.put("api_key", "<redacted>");
    return copy;
  }
}
