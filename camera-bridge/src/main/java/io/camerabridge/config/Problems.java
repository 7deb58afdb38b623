package io.camerabridge.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects every problem of one load so that they are all reported together. Values that failed to
 * bind are remembered, and later checks that involve them are skipped: a bad value yields one
 * message, not a cascade.
 */
final class Problems {
  private final String file;
  private final SourceIndex index;
  private final List<ConfigProblem> problems = new ArrayList<>();
  private final List<String> failedPaths = new ArrayList<>();

  Problems(String file, SourceIndex index) {
    this.file = file;
    this.index = index;
  }

  /**
   * Reports a value a deserializer cannot use and returns null as its placeholder. Outside a {@link
   * ConfigLoader} (no collector attached) it throws, as Jackson deserializers normally do.
   */
  static <T> T reportValue(DeserializationContext ctxt, JsonParser p, Class<T> type, String message)
      throws IOException {
    Problems problems = (Problems) ctxt.getAttribute(Problems.class);
    if (problems == null) {
      throw InvalidFormatException.from(p, message, p.getText(), type);
    }
    problems.bindingError(p, message);
    if (p.currentToken() != null && p.currentToken().isStructStart()) {
      p.skipChildren();
    }
    return null;
  }

  /** The configuration file as the user named it. */
  String fileName() {
    return file;
  }

  /**
   * A problem inside another file the configuration refers to (a feature file), at that file's own
   * line and column, reported under the YAML path that names the file.
   */
  void inOtherFile(String otherFile, int line, int column, String path, String message) {
    failedPaths.add(path);
    problems.add(new ConfigProblem(otherFile, line, column, path, message));
  }

  /** Whole-file problem, without a position. */
  void file(String message) {
    problems.add(new ConfigProblem(file, 0, 0, "", message));
  }

  /** A problem at an explicit position. */
  void at(int line, int column, String path, String message) {
    problems.add(new ConfigProblem(file, line, column, path, message));
  }

  /** A value that could not be bound, at the parser's current token. */
  void bindingError(JsonParser p, String message) {
    String path = YamlPaths.of(p.getParsingContext());
    if (failedPaths.contains(path)) {
      // e.g. an unset ${VAR} left in a URL: the variable is the problem, not the URL syntax.
      return;
    }
    JsonLocation location = p.currentTokenLocation();
    failedPaths.add(path);
    at(location.getLineNr(), location.getColumnNr(), path, message);
  }

  /** A key problem (unknown key), pointing at the key itself. */
  void atKey(String path, String message) {
    failedPaths.add(path);
    SourceIndex.Mark mark = index.key(path);
    at(mark.line(), mark.column(), path, message);
  }

  /** Suppresses later checks of {@code path} without reporting anything there. */
  void markFailed(String path) {
    failedPaths.add(path);
  }

  /**
   * A problem found after binding, pointing at the value of {@code path} (or where it belongs).
   * Skipped when {@code path} or any of {@code dependsOn} already failed to bind.
   */
  void check(String path, String message, String... dependsOn) {
    if (failed(path)) {
      return;
    }
    for (String other : dependsOn) {
      if (failed(other)) {
        return;
      }
    }
    SourceIndex.Mark mark = index.value(path);
    at(mark.line(), mark.column(), path, message);
  }

  /** Where {@code path}'s value starts, for messages that refer to another entry. */
  SourceIndex.Mark markOf(String path) {
    return index.value(path);
  }

  boolean isEmpty() {
    return problems.isEmpty();
  }

  List<ConfigProblem> sorted() {
    return problems.stream().sorted(ConfigProblem.IN_FILE_ORDER).distinct().toList();
  }

  private boolean failed(String path) {
    return failedPaths.stream().anyMatch(f -> YamlPaths.related(f, path));
  }
}
