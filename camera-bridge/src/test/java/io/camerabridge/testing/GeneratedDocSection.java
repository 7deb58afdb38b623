package io.camerabridge.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A part of a document under docs/ that is rendered from the code (the metrics catalogue, the
 * Modbus map, the PLC error codes) between a begin and an end marker line. The check fails when the
 * text differs; with {@code -Dcamerabridge.updateDocs=true} it writes the rendered text instead.
 */
public final class GeneratedDocSection {
  private final String doc;
  private final String beginMarker;
  private final String endMarker;

  private GeneratedDocSection(String doc, String beginMarker, String endMarker) {
    this.doc = doc;
    this.beginMarker = beginMarker;
    this.endMarker = endMarker;
  }

  /** {@code doc} relative to the repository's docs/, e.g. {@code "plc.md"}. */
  public static GeneratedDocSection of(String doc, String beginMarker, String endMarker) {
    return new GeneratedDocSection(doc, beginMarker, endMarker);
  }

  /**
   * Checks that the section is {@code rendered} (or rewrites it under {@code
   * camerabridge.updateDocs}); {@code testClass} names the test whose run regenerates it.
   */
  public void assertRendered(String rendered, Class<?> testClass) throws IOException {
    Path file = Path.of(System.getProperty("camerabridge.root", "..")).resolve("docs").resolve(doc);
    String text = Files.readString(file, StandardCharsets.UTF_8);
    int begin = text.indexOf(beginMarker);
    int end = text.indexOf(endMarker);
    assertThat(begin).as("%s has the line %s", file, beginMarker).isNotNegative();
    assertThat(end).as("%s has the line %s", file, endMarker).isGreaterThan(begin);

    int from = begin + beginMarker.length() + 1;
    String current = text.substring(from, end);
    if (Boolean.getBoolean("camerabridge.updateDocs") && !current.equals(rendered)) {
      Files.writeString(
          file, text.substring(0, from) + rendered + text.substring(end), StandardCharsets.UTF_8);
      return;
    }
    assertThat(current)
        .as(
            "docs/%s is out of date with the code; regenerate it with: mvn -o -pl camera-bridge"
                + " test -Dtest=%s -Dcamerabridge.updateDocs=true",
            doc, testClass.getSimpleName())
        .isEqualTo(rendered);
  }
}
