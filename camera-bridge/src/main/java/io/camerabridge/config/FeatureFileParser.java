package io.camerabridge.config;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads the text of a feature file into steps, reporting each bad line at its own line and column.
 *
 * <p>Formats (documented in docs/configuration.md): {@code Name=Value} per line, spaces around
 * {@code =} ignored; a Basler pylon {@code .pfs} feature stream is {@code Name<TAB>Value} per line
 * (its header lines are comments). In both, blank lines and lines starting with {@code #} are
 * skipped; there are no trailing comments, so a value may contain {@code #}.
 */
final class FeatureFileParser {
  /** GenICam names: a letter, then letters, digits and underscores. */
  static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");

  /** Largest feature file accepted; a full camera export is a few tens of KiB. */
  static final int MAX_SIZE = 1024 * 1024;

  /** Where each bad line is reported. */
  interface Sink {
    void problem(int line, int column, String message);
  }

  private FeatureFileParser() {}

  /** The format a file's name says: {@code .pfs} is pylon's, anything else Name=Value. */
  static FeatureFile.Format formatOf(String fileName) {
    return fileName.toLowerCase(java.util.Locale.ROOT).endsWith(".pfs")
        ? FeatureFile.Format.PFS
        : FeatureFile.Format.NAME_VALUE;
  }

  /**
   * The steps of {@code text}; origins are {@code displayName:LINE}, paths {@code yamlPath}. Bad
   * lines go to {@code sink} and are left out.
   */
  static List<FeatureStep> parse(
      String displayName, String text, FeatureFile.Format format, String yamlPath, Sink sink) {
    List<FeatureStep> steps = new ArrayList<>();
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("#")) {
        continue;
      }
      int lineNr = i + 1;
      int indent = line.indexOf(trimmed.charAt(0));
      int cut = separator(trimmed, format);
      if (cut < 0) {
        sink.problem(lineNr, indent + 1, expected(format, trimmed));
        continue;
      }
      String name = trimmed.substring(0, cut).strip();
      String value = trimmed.substring(cut + 1).strip();
      if (!NAME.matcher(name).matches()) {
        sink.problem(
            lineNr,
            indent + 1,
            TokenText.quote(name)
                + " is not a GenICam feature name: names are letters, digits and '_'");
        continue;
      }
      steps.add(
          FeatureStep.set(name, new FeatureValue(value), displayName + ":" + lineNr, yamlPath));
    }
    return steps;
  }

  private static int separator(String line, FeatureFile.Format format) {
    if (format == FeatureFile.Format.NAME_VALUE) {
      return line.indexOf('=');
    }
    int tab = line.indexOf('\t');
    if (tab >= 0) {
      return tab;
    }
    // Hand-edited pylon files sometimes use spaces.
    for (int i = 0; i < line.length(); i++) {
      if (Character.isWhitespace(line.charAt(i))) {
        return i;
      }
    }
    return -1;
  }

  private static String expected(FeatureFile.Format format, String line) {
    return format == FeatureFile.Format.NAME_VALUE
        ? "expected Name=Value (e.g. LineMode=Output) or a # comment, got " + TokenText.quote(line)
        : "expected a pylon feature line 'Name<TAB>Value' or a # comment, got "
            + TokenText.quote(line);
  }
}
