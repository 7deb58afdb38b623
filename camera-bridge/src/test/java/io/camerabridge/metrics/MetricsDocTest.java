package io.camerabridge.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * docs/metrics.md's table is {@link MeterCatalogue#renderTable()}. To regenerate it after changing
 * {@link BridgeMeter}: {@code mvn -o -pl camera-bridge test -Dtest=MetricsDocTest
 * -Dcamerabridge.updateDocs=true}.
 */
class MetricsDocTest {

  private static final Path DOC =
      Path.of(System.getProperty("camerabridge.root", "..")).resolve("docs/metrics.md");

  @Test
  void docsTableIsRenderedFromTheCatalogue() throws IOException {
    String doc = Files.readString(DOC, StandardCharsets.UTF_8);
    int begin = doc.indexOf(MeterCatalogue.BEGIN_MARKER);
    int end = doc.indexOf(MeterCatalogue.END_MARKER);
    assertThat(begin).as("%s has the line %s", DOC, MeterCatalogue.BEGIN_MARKER).isNotNegative();
    assertThat(end).as("%s has the line %s", DOC, MeterCatalogue.END_MARKER).isGreaterThan(begin);

    String current = doc.substring(begin + MeterCatalogue.BEGIN_MARKER.length() + 1, end);
    String rendered = MeterCatalogue.renderTable();
    if (Boolean.getBoolean("camerabridge.updateDocs") && !current.equals(rendered)) {
      Files.writeString(
          DOC,
          doc.substring(0, begin + MeterCatalogue.BEGIN_MARKER.length() + 1)
              + rendered
              + doc.substring(end),
          StandardCharsets.UTF_8);
      return;
    }
    assertThat(current)
        .as(
            "docs/metrics.md is out of date with BridgeMeter; regenerate it with: mvn -o -pl"
                + " camera-bridge test -Dtest=MetricsDocTest -Dcamerabridge.updateDocs=true")
        .isEqualTo(rendered);
  }
}
