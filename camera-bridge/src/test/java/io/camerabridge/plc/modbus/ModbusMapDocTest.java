package io.camerabridge.plc.modbus;

import static org.assertj.core.api.Assertions.assertThat;

import io.camerabridge.testing.GeneratedDocSection;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * docs/plc.md's register map is {@link ModbusMap#renderTable()}. To regenerate it after changing
 * {@link ModbusMap}: {@code mvn -o -pl camera-bridge test -Dtest=ModbusMapDocTest
 * -Dcamerabridge.updateDocs=true}.
 */
class ModbusMapDocTest {
  @Test
  void docsRegisterMapIsRenderedFromTheCode() throws IOException {
    GeneratedDocSection.of("plc.md", ModbusMap.BEGIN_MARKER, ModbusMap.END_MARKER)
        .assertRendered(ModbusMap.renderTable(), ModbusMapDocTest.class);
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
