package io.camerabridge.bindings.aravis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The GenICam tree walk on the in-process Fake camera. */
class FeatureTreeTest {

  @BeforeAll
  static void enableFake() {
    Devices.enableFakeInterface();
  }

  @Test
  void listsCategoriesAndFeaturesWithTypesAndValues() {
    try (Camera camera = Camera.open("Fake_1")) {
      camera.image().setRegion(new Region(0, 0, 640, 480));
      List<FeatureInfo> features = FeatureTree.walk(camera);
      assertThat(features).anySatisfy(f -> assertThat(f.isCategory()).isTrue());
      assertThat(features)
          .filteredOn(f -> f.name().equals("Width"))
          .singleElement()
          .satisfies(
              f -> {
                assertThat(f.type()).isEqualTo("Integer");
                assertThat(f.access()).isEqualTo("RW");
                assertThat(f.value()).contains("640");
              });
      assertThat(features)
          .filteredOn(f -> f.name().equals("PixelFormat"))
          .singleElement()
          .satisfies(f -> assertThat(f.type()).isEqualTo("Enumeration"));
      assertThat(features)
          .filteredOn(f -> f.name().equals("AcquisitionStart"))
          .singleElement()
          .satisfies(f -> assertThat(f.value()).isEmpty());
    }
  }
}
