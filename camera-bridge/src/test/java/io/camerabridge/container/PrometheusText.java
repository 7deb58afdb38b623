package io.camerabridge.container;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads sample values out of a Prometheus text exposition ({@code /metrics}). */
final class PrometheusText {

  private static final Pattern SAMPLE =
      Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*})?\\s+(\\S+)", Pattern.MULTILINE);

  private final String text;

  PrometheusText(String text) {
    this.text = text;
  }

  /**
   * The sum of every sample of {@code name} whose labels include all of {@code labels} (each
   * written {@code key="value"}); 0 when there is none.
   */
  double sum(String name, String... labels) {
    double total = 0;
    Matcher m = SAMPLE.matcher(text);
    while (m.find()) {
      if (m.group(1).equals(name) && hasAll(m.group(2), labels)) {
        total += Double.parseDouble(m.group(3));
      }
    }
    return total;
  }

  private static boolean hasAll(String labelSet, String[] labels) {
    for (String label : labels) {
      if (labelSet == null || !labelSet.contains(label)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public String toString() {
    return text;
  }
}
