package io.camerabridge.bindings.aravis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camerabridge.bindings.aravis.AravisException.DeviceError;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every failure names what failed; the GErrors behind them are freed (the camera stays usable). */
class ErrorsTest {
  private static Camera camera;

  @BeforeAll
  static void open() {
    Devices.enableFakeInterface();
    camera = Camera.open("Fake_1");
  }

  @AfterAll
  static void close() {
    camera.close();
  }

  @Test
  void unknownFeatureIsNamed() {
    assertThatThrownBy(() -> camera.features().getInteger("NoSuchFeature"))
        .isInstanceOfSatisfying(
            AravisException.class,
            e -> {
              assertThat(e.deviceError()).contains(DeviceError.FEATURE_NOT_FOUND);
              assertThat(e.domain()).isEqualTo(AravisException.DEVICE_ERROR_DOMAIN);
              assertThat(e.nativeMessage()).isNotBlank();
            })
        .hasMessageContaining("'NoSuchFeature'")
        .hasMessageContaining("Fake_1");
    assertThat(camera.features().isAvailable("NoSuchFeature")).isFalse();
  }

  @Test
  void wrongFeatureTypeIsNamed() {
    assertThatThrownBy(() -> camera.features().setFloat("PixelFormat", 1.5))
        .isInstanceOfSatisfying(
            AravisException.class,
            e -> assertThat(e.deviceError()).contains(DeviceError.WRONG_FEATURE))
        .hasMessageContaining("float feature 'PixelFormat'");
    // The camera still works after the error (the GError was consumed, not left set).
    assertThat(camera.features().getInteger("Width")).isPositive();
  }

  @Test
  void missingDeviceIsNamed() {
    assertThatThrownBy(() -> Camera.open("NoSuchCamera42"))
        .isInstanceOfSatisfying(
            AravisException.class, e -> assertThat(e.deviceError()).contains(DeviceError.NOT_FOUND))
        .hasMessageContaining("'NoSuchCamera42'")
        .hasMessageContaining("Fake_1");
  }

  @Test
  void unsupportedPixelFormatIsNamedWithTheAlternatives() {
    assertThatThrownBy(() -> camera.image().setPixelFormat("BayerXY9"))
        .isInstanceOf(AravisException.class)
        .hasMessageContaining("'BayerXY9'")
        .hasMessageContaining("Mono8");
    assertThatThrownBy(() -> camera.image().setPixelFormat(PixelFormat.YUV422_PACKED))
        .hasMessageContaining("'YUV422Packed'");
  }

  @Test
  void silentlyIgnoredValuesAreRejectedUpFront() {
    assertThatThrownBy(() -> camera.image().setExposure(java.time.Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Exposure");
    assertThatThrownBy(() -> camera.image().setGain(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Gain");
  }

  @Test
  void pixelFormatCodesRoundTrip() {
    assertThat(PixelFormat.fromCode(0x01080009)).isEqualTo(PixelFormat.BAYER_RG8);
    assertThat(PixelFormat.BAYER_RG8.bitsPerPixel()).isEqualTo(8);
    assertThat(PixelFormat.RGBA8.bitsPerPixel()).isEqualTo(32);
    assertThat(PixelFormat.fromCode(0x010C0006)).isEqualTo(PixelFormat.UNKNOWN);
    assertThat(PixelFormat.bitsPerPixel(0x010C0006)).isEqualTo(12);
    assertThat(PixelFormat.fromGenicamName("YUV422Packed")).isEqualTo(PixelFormat.YUV422_PACKED);
  }

  @Test
  void missingLibraryNamesTheDebianPackage() {
    String message =
        AravisLibrary.unavailableMessage(
            new UnsatisfiedLinkError("libaravis-0.8.so.0: cannot open shared object file"));
    assertThat(message)
        .contains("libaravis-0.8.so.0")
        .contains("cannot open shared object file")
        .contains("apt-get install libaravis-0.8-0");
  }
}
