package io.camerabridge.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Strict {@code ${NAME}} substitution from an environment map. {@code ${NAME:-fallback}} uses the
 * fallback when NAME is unset; the fallback may itself hold references ({@code ${A:-${B:-x}}},
 * nested at most {@link #MAX_NESTING} deep); {@code $${} writes a literal {@code ${}. An unset variable without a
 * fallback is an error, never an empty string: a missing API key must stop the service, not send
 * requests without one.
 */
final class EnvSubstitution {
  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  /** How deep fallbacks may nest; deeper is refused rather than recursed into. */
  static final int MAX_NESTING = 8;

  /** The substituted text and the errors found; errors never contain variable values. */
  record Result(String text, List<String> errors) {}

  private final Map<String, String> env;

  EnvSubstitution(Map<String, String> env) {
    this.env = Map.copyOf(env);
  }

  Result apply(String text) {
    List<String> errors = new ArrayList<>();
    String out = apply(text, errors, 0);
    return new Result(out, errors);
  }

  private String apply(String text, List<String> errors, int depth) {
    if (text.indexOf('$') < 0) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    int i = 0;
    while (i < text.length()) {
      if (text.startsWith("$${", i)) {
        out.append("${");
        i += 3;
      } else if (text.startsWith("${", i)) {
        i = substitute(text, i, out, errors, depth);
      } else {
        out.append(text.charAt(i++));
      }
    }
    return out.toString();
  }

  /** Handles one {@code ${...}} starting at {@code start}; returns the index after it. */
  private int substitute(
      String text, int start, StringBuilder out, List<String> errors, int depth) {
    int end = closingBrace(text, start);
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
      value = fallback(body.substring(fallbackAt + 2), errors, depth);
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

  /** A fallback may itself hold references ({@code ${A:-${B}}}), substituted when it is used. */
  private String fallback(String text, List<String> errors, int depth) {
    if (depth + 1 > MAX_NESTING) {
      errors.add(
          "variable references are nested more than "
              + MAX_NESTING
              + " deep in a fallback: write at most "
              + MAX_NESTING
              + " levels such as ${A:-${B:-value}}");
      return text;
    }
    return apply(text, errors, depth + 1);
  }

  /**
   * The index of the brace that closes the reference at {@code start}, counting nested {@code ${}
   * (but not the literal {@code $${}); -1 when it is never closed.
   */
  private static int closingBrace(String text, int start) {
    int open = 1;
    int i = start + 2;
    while (i < text.length()) {
      if (text.startsWith("$${", i)) {
        i += 3;
      } else if (text.startsWith("${", i)) {
        open++;
        i += 2;
      } else if (text.charAt(i) == '}') {
        if (--open == 0) {
          return i;
        }
        i++;
      } else {
        i++;
      }
    }
    return -1;
  }
}
