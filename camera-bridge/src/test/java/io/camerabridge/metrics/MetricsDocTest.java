package io.camerabridge.metrics;

import io.camerabridge.testing.GeneratedDocSection;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * docs/metrics.md's table is {@link MeterCatalogue#renderTable()}. To regenerate it after changing
 * {@link BridgeMeter}: {@code mvn -o -pl camera-bridge test -Dtest=MetricsDocTest
 * -Dcamerabridge.updateDocs=true}.
 */
class MetricsDocTest {

  @Test
  void docsTableIsRenderedFromTheCatalogue() throws IOException {
    GeneratedDocSection.of("metrics.md", MeterCatalogue.BEGIN_MARKER, MeterCatalogue.END_MARKER)
        .assertRendered(MeterCatalogue.renderTable(), MetricsDocTest.class);
  }
}
