package io.camerabridge.plc.modbus;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * docs/plc.md's register map is {@link ModbusMap#renderTable()}. To regenerate it after changing
 * {@link ModbusMap}: {@code mvn -o -pl camera-bridge test -Dtest=ModbusMapDocTest
 * -Dcamerabridge.updateDocs=true}.
 */
class ModbusMapDocTest {
  private static final Path DOC =
      Path.of(System.getProperty("camerabridge.root", "..")).resolve("docs/plc.md");

  @Test
  void docsRegisterMapIsRenderedFromTheCode() throws IOException {
    String doc = Files.readString(DOC, StandardCharsets.UTF_8);
    int begin = doc.indexOf(ModbusMap.BEGIN_MARKER);
    int end = doc.indexOf(ModbusMap.END_MARKER);
    assertThat(begin).as("%s has the line %s", DOC, ModbusMap.BEGIN_MARKER).isNotNegative();
    assertThat(end).as("%s has the line %s", DOC, ModbusMap.END_MARKER).isGreaterThan(begin);

    String current = doc.substring(begin + ModbusMap.BEGIN_MARKER.length() + 1, end);
    String rendered = ModbusMap.renderTable();
    if (Boolean.getBoolean("camerabridge.updateDocs") && !current.equals(rendered)) {
      Files.writeString(
          DOC,
          doc.substring(0, begin + ModbusMap.BEGIN_MARKER.length() + 1)
              + rendered
              + doc.substring(end),
          StandardCharsets.UTF_8);
      return;
    }
    assertThat(current)
        .as(
            "docs/plc.md is out of date with ModbusMap; regenerate it with: mvn -o -pl camera-bridge"
                + " test -Dtest=ModbusMapDocTest -Dcamerabridge.updateDocs=true")
        .isEqualTo(rendered);
  }

  @Test
  void fieldsTileTheSlotWithoutOverlap() {
    int next = 0;
    for (ModbusMap.Register r : ModbusMap.Register.values()) {
      assertThat(r.offset()).as(r.name()).isEqualTo(next);
      next += r.words();
    }
    assertThat(next).isEqualTo(ModbusMap.REGISTERS_PER_SLOT);
  }
}
