package io.camerabridge.plc;

import static org.assertj.core.api.Assertions.assertThat;

import io.camerabridge.testing.GeneratedDocSection;
import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * docs/plc.md's error-code table is {@link PlcErrorCode#renderTable()}. To regenerate it after
 * changing {@link PlcErrorCode}: {@code mvn -o -pl camera-bridge test -Dtest=PlcErrorCodeDocTest
 * -Dcamerabridge.updateDocs=true}.
 */
class PlcErrorCodeDocTest {

  @Test
  void docsErrorCodeTableIsRenderedFromTheCode() throws IOException {
    GeneratedDocSection.of("plc.md", PlcErrorCode.BEGIN_MARKER, PlcErrorCode.END_MARKER)
        .assertRendered(PlcErrorCode.renderTable(), PlcErrorCodeDocTest.class);
  }

  @Test
  void codesAreUniqueAndEachReasonMapsBackToItsCode() {
    assertThat(Arrays.stream(PlcErrorCode.values()).map(PlcErrorCode::code))
        .doesNotHaveDuplicates();
    for (PlcErrorCode c : PlcErrorCode.values()) {
      if (c.reason() != null) {
        assertThat(PlcErrorCode.of(c.reason())).isEqualTo(c);
      }
    }
    assertThat(PlcErrorCode.of("something new")).isEqualTo(PlcErrorCode.OTHER);
  }
}
