package io.camerabridge.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.camerabridge.pekat.RawLayout;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The example files the package installs and the demo fills in must load as they are. */
class ShippedConfigsTest {
  private static final Path ROOT = Path.of(System.getProperty("camerabridge.root", ".."));

  @Test
  void installedExampleLoadsWithoutAnyEnvironment() throws ConfigException {
    BridgeConfig config =
        new ConfigLoader(Map.of()).load(ROOT.resolve("config/camera-bridge.yaml"));

    assertThat(config.metrics().listen()).isEqualTo("127.0.0.1:9400");
    assertThat(config.shutdown().drainTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(config.cameras()).hasSize(1);
    CameraConfig camera = config.cameras().get(0);
    assertThat(camera.id()).isEqualTo("line1-top");
    assertThat(camera.pixelFormat().layout()).isEqualTo(RawLayout.BAYER_RG8);
    assertThat(camera.gige().socketBuffer().isAuto()).isTrue();
    assertThat(camera.features()).containsEntry("BalanceWhiteAuto", new FeatureValue("Off"));
    assertThat(camera.results().saveNg().maxDisk()).isEqualTo(DataSize.ofGibibytes(2));
  }
}
