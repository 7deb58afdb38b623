package io.camerabridge.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Strict {@code ${NAME}} substitution from an environment map. {@code ${NAME:-fallback}} uses the
 * fallback when NAME is unset; {@code $${} writes a literal {@code ${}. An unset variable without a
 * fallback is an error, never an empty string: a missing API key must stop the service, not send
 * requests without one.
 */
final class EnvSubstitution {
  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  /** The substituted text and the errors found; errors never contain variable values. */
  record Result(String text, List<String> errors) {}

  private final Map<String, String> env;

  EnvSubstitution(Map<String, String> env) {
    this.env = Map.copyOf(env);
  }

  Result apply(String text) {
    if (text.indexOf('$') < 0) {
      return new Result(text, List.of());
    }
    StringBuilder out = new StringBuilder(text.length());
    List<String> errors = new ArrayList<>();
    int i = 0;
    while (i < text.length()) {
      if (text.startsWith("$${", i)) {
        out.append("${");
        i += 3;
      } else if (text.startsWith("${", i)) {
        i = substitute(text, i, out, errors);
      } else {
        out.append(text.charAt(i++));
      }
    }
    return new Result(out.toString(), errors);
  }

  /** Handles one {@code ${...}} starting at {@code start}; returns the index after it. */
  private int substitute(String text, int start, StringBuilder out, List<String> errors) {
    int end = text.indexOf('}', start);
    if (end < 0) {
      errors.add(
          "'${' starts a variable reference that is never closed: write ${NAME}, or $${ for a"
              + " literal ${");
      out.append(text, start, text.length());
      return text.length();
    }
    String body = text.substring(start + 2, end);
    int fallbackAt = body.indexOf(":-");
    String name = fallbackAt < 0 ? body : body.substring(0, fallbackAt);
    if (!NAME.matcher(name).matches()) {
      errors.add(
          "'${"
              + body
              + "}' is not a variable reference: names are letters, digits and '_' (not starting"
              + " with a digit); write $${ for a literal ${");
      out.append(text, start, end + 1);
      return end + 1;
    }
    String value = env.get(name);
    if (value == null && fallbackAt >= 0) {
      value = body.substring(fallbackAt + 2);
    }
    if (value == null) {
      errors.add(
          "environment variable "
              + name
              + " is not set: set it for the service (systemd: Environment= or EnvironmentFile="
              + " in the unit), give a fallback with ${"
              + name
              + ":-value}, or write the value in the file");
      out.append(text, start, end + 1);
    } else {
      out.append(value);
    }
    return end + 1;
  }
}
