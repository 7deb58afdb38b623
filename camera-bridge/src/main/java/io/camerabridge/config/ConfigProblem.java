package io.camerabridge.config;

import java.util.Comparator;
import java.util.Objects;

/**
 * One thing wrong with a configuration file. Printed as {@code FILE:LINE:COL: PATH: MESSAGE}, the
 * form compilers use, so editors and terminals can jump to it. Messages never contain secrets.
 *
 * @param file the file as the user named it
 * @param line 1-based line, or 0 when the problem concerns the whole file
 * @param column 1-based column, or 0 when unknown
 * @param path where in the document, e.g. {@code cameras[0].pekat.url}; empty for the whole file
 * @param message what is wrong and how to fix it
 */
public record ConfigProblem(String file, int line, int column, String path, String message) {

  /** Orders problems as they appear in the file; whole-file problems first. */
  public static final Comparator<ConfigProblem> IN_FILE_ORDER =
      Comparator.comparingInt(ConfigProblem::line)
          .thenComparingInt(ConfigProblem::column)
          .thenComparing(ConfigProblem::path);

  /** Checks the components. */
  public ConfigProblem {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(message, "message");
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder(file);
    if (line > 0) {
      s.append(':').append(line);
      if (column > 0) {
        s.append(':').append(column);
      }
    }
    s.append(": ");
    if (!path.isEmpty()) {
      s.append(path).append(": ");
    }
    return s.append(message).toString();
  }
}
