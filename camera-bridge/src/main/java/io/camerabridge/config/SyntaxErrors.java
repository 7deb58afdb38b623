package io.camerabridge.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import java.io.IOException;
import java.util.Locale;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/** Turns parser exceptions into one-line problems with a hint for the usual causes. */
final class SyntaxErrors {
  private SyntaxErrors() {}

  static void report(IOException e, Problems problems) {
    MarkedYAMLException yaml = findYamlCause(e);
    if (yaml != null && yaml.getProblemMark() != null) {
      Mark mark = yaml.getProblemMark();
      String problem = yaml.getProblem() == null ? yaml.getMessage() : yaml.getProblem();
      if (isUnclosedQuote(yaml)) {
        // The end of the file is where it was noticed; the opening quote is what needs fixing.
        mark = yaml.getContextMark();
        problem = "this quoted value is never closed";
      } else if (problem.contains("(TAB)")) {
        problem = "a tab character here cannot start a token";
      }
      problems.at(
          mark.getLine() + 1,
          mark.getColumn() + 1,
          "",
          "YAML syntax error: " + clean(problem) + hint(problem));
      return;
    }
    String path = e instanceof JsonMappingException m ? pathOf(m) : "";
    JsonLocation at = e instanceof JsonProcessingException j ? j.getLocation() : null;
    String message =
        e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
    if (at != null && at.getLineNr() > 0) {
      problems.at(at.getLineNr(), at.getColumnNr(), path, clean(message));
    } else {
      problems.file(clean(message));
    }
  }

  private static String pathOf(JsonMappingException m) {
    StringBuilder s = new StringBuilder();
    for (JsonMappingException.Reference r : m.getPath()) {
      if (r.getFieldName() != null) {
        s.append(s.length() == 0 ? "" : ".").append(r.getFieldName());
      } else if (r.getIndex() >= 0) {
        s.append('[').append(r.getIndex()).append(']');
      }
    }
    return s.toString();
  }

  private static boolean isUnclosedQuote(MarkedYAMLException e) {
    return e.getContext() != null
        && e.getContext().contains("quoted scalar")
        && e.getContextMark() != null;
  }

  private static MarkedYAMLException findYamlCause(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof MarkedYAMLException m) {
        return m;
      }
    }
    return null;
  }

  private static String clean(String message) {
    if (message != null && message.startsWith("Expected a field name")) {
      return "keys must be plain names (not lists, mappings or '?' complex keys)";
    }
    String oneLine =
        message == null ? "unreadable input" : message.strip().replaceAll("\\s*\\n\\s*", " ");
    return oneLine;
  }

  private static String hint(String problem) {
    String p = problem == null ? "" : problem.toLowerCase(Locale.ROOT);
    if (p.contains("tab character")) {
      return ": indent with spaces; YAML does not allow tab characters for indentation";
    }
    if (p.contains("mapping values are not allowed")) {
      return ": a value that contains ': ' must be quoted, or the line is indented too far";
    }
    if (p.contains("could not find expected ':'")) {
      return ": each line of a mapping needs 'key: value' (with a space after the colon)";
    }
    if (p.contains("expected <block end>")) {
      return ": check the indentation of this line against the lines above it";
    }
    if (p.contains("never closed")) {
      return ": add the closing quote";
    }
    return ": check the indentation and quoting around this point";
  }
}
