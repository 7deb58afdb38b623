package io.camerabridge.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JavaType;
import java.io.IOException;
import java.net.URI;
import java.util.Collection;
import java.util.Map;

/** Plain words for YAML tokens and Java target types, for error messages. */
final class TokenText {
  private static final int MAX_ECHO = 60;

  private TokenText() {}

  /** What the current token is, e.g. {@code a list}, {@code 'abc'}, {@code 42}. */
  static String describe(JsonParser p) throws IOException {
    return switch (p.currentToken()) {
      case START_OBJECT -> "a mapping (key: value lines)";
      case START_ARRAY -> "a list";
      case VALUE_NULL -> "nothing";
      case VALUE_TRUE -> "true";
      case VALUE_FALSE -> "false";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> p.getText();
      case VALUE_STRING -> quote(p.getText());
      default -> p.currentToken().asString();
    };
  }

  /** A value quoted for a message, shortened if long. */
  static String quote(String value) {
    String shown = value.length() > MAX_ECHO ? value.substring(0, MAX_ECHO) + "…" : value;
    return "'" + shown + "'";
  }

  /**
   * A URL as it may be shown in a message: a user, password or query (where an {@code api_key}
   * could sit) is replaced by an ellipsis.
   */
  static String withoutCredentials(String url) {
    return url.replaceAll("//[^/@?#]*@", "//…@").replaceAll("[?#].*", "?…");
  }

  /** What a target type expects, e.g. {@code a whole number}. */
  static String expected(JavaType type) {
    Class<?> raw = type.getRawClass();
    if (raw == Integer.class || raw == int.class || raw == Long.class || raw == long.class) {
      return "a whole number";
    }
    if (raw == Double.class || raw == double.class) {
      return "a number";
    }
    if (raw == Boolean.class || raw == boolean.class) {
      return "true or false";
    }
    if (raw == String.class) {
      return "a single text value";
    }
    if (raw == URI.class) {
      return "a URL such as http://127.0.0.1:8000";
    }
    if (Collection.class.isAssignableFrom(raw)) {
      return "a list (lines starting with '- ')";
    }
    if (Map.class.isAssignableFrom(raw) || raw.isRecord()) {
      return "a mapping (key: value lines)";
    }
    return raw.getSimpleName();
  }
}
