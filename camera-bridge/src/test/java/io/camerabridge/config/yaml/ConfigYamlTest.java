package io.camerabridge.config.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camerabridge.config.BridgeConfig;
import io.camerabridge.config.CameraConfig;
import io.camerabridge.config.ConfigException;
import io.camerabridge.config.ConfigLoader;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the builder writes is read by the real loader as the same file written by hand. */
class ConfigYamlTest {
  private static final ConfigLoader LOADER = new ConfigLoader(Map.of());

  @Test
  void readsBackAsTheSameConfigurationAsHandWrittenText() throws ConfigException {
    String handWritten =
        """
        metrics: { listen: "127.0.0.1:0" }
        shutdown: { drainTimeout: 2s }
        logging: { format: plain }
        cameras:
          - id: top
            device: "Aravis-Fake-CB1"
            pixelFormat: Mono8
            width: 640
            height: 480
            frameRate: 20
            exposure: 2ms
            buffers: 4
            trigger: { mode: software, rate: 4 }
            gige: { packetSocket: false }
            features:
              - LineSelector: Line1
              - LineMode: Output
            pekat:
              url: "http://127.0.0.1:8000"
              timeout: 5s
            results: { journal: "/tmp/top.jsonl" }
            verdict: { deadline: 5s, onTimeout: ng }
            outputs:
              - { type: line, name: gate, line: Line1, source: UserOutput1, pulse: 0, on: [ng] }
        """;
    String built =
        ConfigYaml.create()
            .metricsListen("127.0.0.1:0")
            .drainTimeout("2s")
            .set("logging.format", "plain")
            .camera(
                CameraYaml.of("top", "Aravis-Fake-CB1")
                    .pixelFormat("Mono8")
                    .size(640, 480)
                    .frameRate(20)
                    .exposure("2ms")
                    .buffers(4)
                    .set("trigger.mode", "software")
                    .set("trigger.rate", 4)
                    .gige("packetSocket", false)
                    .yaml("features:\n  - LineSelector: Line1\n  - LineMode: Output")
                    .pekat(URI.create("http://127.0.0.1:8000"))
                    .pekat("timeout", "5s")
                    .journal(Path.of("/tmp/top.jsonl"))
                    .yaml("verdict: { deadline: 5s, onTimeout: ng }")
                    .yaml(
                        "outputs:\n  - { type: line, name: gate, line: Line1, source: UserOutput1,"
                            + " pulse: 0, on: [ng] }"))
            .toYaml();

    BridgeConfig fromBuilder = LOADER.parse("built.yaml", built);
    // Feature steps remember where they were written: the two files differ only there.
    assertThat(fromBuilder)
        .usingRecursiveComparison()
        .ignoringFieldsMatchingRegexes(".*origin")
        .isEqualTo(LOADER.parse("hand.yaml", handWritten));
    CameraConfig camera = fromBuilder.cameras().get(0);
    assertThat(camera.exposure()).isEqualTo(Duration.ofMillis(2));
    assertThat(camera.buffers()).isEqualTo(4);
  }

  @Test
  void aFragmentKeyReplacesTheEarlierValueWholeAndCamerasKeepTheirOrder() throws ConfigException {
    String yaml =
        ConfigYaml.create()
            .camera(
                CameraYaml.of("a", "CAM-A")
                    .pixelFormat("Mono8")
                    .gige("packetSocket", false)
                    .gige("packetSize", 1500)
                    .yaml("gige: { packetResend: false }")
                    .pekat("http://127.0.0.1:8000"))
            .camera(CameraYaml.of("b", "CAM-B").pixelFormat("Mono8").pekat("http://127.0.0.1:8001"))
            .toYaml();

    assertThat(yaml).contains("packetResend").doesNotContain("packetSocket", "packetSize");
    BridgeConfig config = LOADER.parse("order.yaml", yaml);
    assertThat(config.cameras()).extracting(CameraConfig::id).containsExactly("a", "b");
  }

  @Test
  void wordsThatLookLikeOtherTypesStayStrings() throws ConfigException {
    String yaml =
        ConfigYaml.create()
            .camera(
                CameraYaml.of("no", "123")
                    .pixelFormat("Mono8")
                    .pekat("http://127.0.0.1:8000")
                    .pekat("apiKey", "true"))
            .toYaml();

    CameraConfig camera = LOADER.parse("words.yaml", yaml).cameras().get(0);
    assertThat(camera.id()).isEqualTo("no");
    assertThat(camera.device()).isEqualTo("123");
  }

  @Test
  void aCommentLeadsTheFileAndASettingUnderAValueIsRefused() {
    assertThat(ConfigYaml.create().comment("demo\n\nrun it").metricsEnabled(false).toYaml())
        .startsWith("# demo\n#\n# run it\nmetrics:\n");
    assertThatThrownBy(
            () -> CameraYaml.of("a", "CAM").set("pekat", "x").set("pekat.url", "http://h"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("pekat.url");
    assertThatThrownBy(() -> CameraYaml.of("a", "CAM").yaml("- not a mapping"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
