package io.camerabridge.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.camerabridge.pekat.RawLayout;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
    assertThat(camera.gige().socketBuffer()).isEqualTo(SocketBuffer.DEFAULT);
    assertThat(camera.features().lastValues())
        .containsEntry("BalanceWhiteAuto", new FeatureValue("Off"));
    assertThat(camera.results().saveNg().maxDisk()).isEqualTo(DataSize.ofGibibytes(2));
  }

  @Test
  void demoTemplateLoadsOnceTheDemoSuppliesItsValues(@TempDir Path state) throws ConfigException {
    Map<String, String> demoValues =
        Map.of(
            "DEMO_DEVICE", "Aravis-Fake-GV01",
            "DEMO_PEKAT_URL", "http://127.0.0.1:41234",
            "DEMO_STATE_DIR", state.toString());

    BridgeConfig config = new ConfigLoader(demoValues).load(ROOT.resolve("config/demo.yaml"));

    assertThat(config.metrics().port()).isZero();
    CameraConfig camera = config.cameras().get(0);
    assertThat(camera.device()).isEqualTo("Aravis-Fake-GV01");
    assertThat(camera.pixelFormat().layout()).isEqualTo(RawLayout.BAYER_RG8);
    assertThat(camera.frameRate()).isEqualTo(10.0);
    assertThat(camera.pekat().url()).hasToString("http://127.0.0.1:41234");
    assertThat(camera.results().journal()).isEqualTo(state.resolve("demo.jsonl"));
    assertThat(camera.results().saveNg().dir()).isEqualTo(state.resolve("ng"));
  }

  @Test
  void demoTemplateNamesWhatIsMissingWithoutTheDemoValues() {
    ConfigException e =
        org.assertj.core.api.Assertions.catchThrowableOfType(
            ConfigException.class,
            () -> new ConfigLoader(Map.of()).load(ROOT.resolve("config/demo.yaml")));

    assertThat(e.problems())
        .extracting(ConfigProblem::message)
        .allSatisfy(m -> assertThat(m).startsWith("environment variable DEMO_"))
        .hasSize(4);
  }
}
