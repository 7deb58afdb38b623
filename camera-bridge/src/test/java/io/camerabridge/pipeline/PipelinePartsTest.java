package io.camerabridge.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.camerabridge.config.ConfigException;
import io.camerabridge.config.ConfigLoader;
import io.camerabridge.config.PekatConfig;
import io.camerabridge.config.yaml.CameraYaml;
import io.camerabridge.config.yaml.ConfigYaml;
import io.camerabridge.frame.FrameInfo;
import io.camerabridge.pekat.PekatEndpoint;
import io.camerabridge.pekat.RawLayout;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The small decision-makers of the pipeline, without a camera. */
class PipelinePartsTest {

  @Test
  void backoffDoublesToItsCapAndResets() {
    Backoff b = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(5));
    assertThat(b.next()).isEqualTo(Duration.ofMillis(500));
    assertThat(b.next()).isEqualTo(Duration.ofSeconds(1));
    assertThat(b.next()).isEqualTo(Duration.ofSeconds(2));
    assertThat(b.next()).isEqualTo(Duration.ofSeconds(4));
    assertThat(b.next()).isEqualTo(Duration.ofSeconds(5));
    assertThat(b.next()).isEqualTo(Duration.ofSeconds(5));
    b.reset();
    assertThat(b.next()).isEqualTo(Duration.ofMillis(500));
  }

  @Test
  void dataTemplateFillsCameraFrameIdSequenceAndTimestamp() {
    FrameInfo frame =
        new FrameInfo("top", 42, 65401, 0, 1_700_000_000_123_000_000L, 1, 1, RawLayout.GRAY8);
    assertThat(new DataTemplate("{camera}/{frameId}/{timestamp}").format(frame))
        .isEqualTo("top/65401/2023-11-14T22:13:20.123Z");
    assertThat(new DataTemplate("{camera}#{sequence}").format(frame)).isEqualTo("top#42");
    assertThat(new DataTemplate("fixed").format(frame)).isEqualTo("fixed");
    assertThat(new DataTemplate("").format(frame)).isNull();
    assertThat(new DataTemplate(null).format(frame)).isNull();
    assertThat(new DataTemplate("{frameId}{camera}-{frameId}").format(frame))
        .isEqualTo("65401top-65401");
    assertThat(new DataTemplate("line 3: {camera}").format(frame)).isEqualTo("line 3: top");
    assertThat(new DataTemplate("{timestamp}").format(frame)).isEqualTo("2023-11-14T22:13:20.123Z");
  }

  @Test
  void dataTemplateFillsThePartIdAndNothingWithoutOne() {
    FrameInfo withPart =
        new FrameInfo("top", 42, 65401, 0, 0, 1, 1, RawLayout.GRAY8, Map.of(), "P-7");
    FrameInfo without = new FrameInfo("top", 43, 65402, 0, 0, 1, 1, RawLayout.GRAY8);

    assertThat(new DataTemplate("part={partId};seq={sequence}").format(withPart))
        .isEqualTo("part=P-7;seq=42");
    assertThat(new DataTemplate("part={partId};seq={sequence}").format(without))
        .isEqualTo("part=;seq=43");
  }

  @Test
  void theConfigurationsDefaultsAreTheClientsDefaults() throws ConfigException {
    PekatEndpoint fromConfig = PipelineParts.endpoint(pekat(""));
    PekatEndpoint fromCode = PekatEndpoint.builder("http://127.0.0.1:8000").build();

    assertThat(fromConfig).isEqualTo(fromCode);
  }

  @Test
  void aShortTimeoutShortensTheDefaultConnectTimeoutAndAnExplicitOneIsKept()
      throws ConfigException {
    assertThat(PipelineParts.endpoint(pekat("timeout: 1s")).connectTimeout())
        .isEqualTo(Duration.ofSeconds(1));
    PekatEndpoint e = PipelineParts.endpoint(pekat("timeout: 3s\n      connectTimeout: 500ms"));
    assertThat(e.requestTimeout()).isEqualTo(Duration.ofSeconds(3));
    assertThat(e.connectTimeout()).isEqualTo(Duration.ofMillis(500));
  }

  private static PekatConfig pekat(String extra) throws ConfigException {
    String yaml =
        ConfigYaml.create()
            .camera(
                CameraYaml.of("cam", "CAM-1")
                    .pixelFormat("Mono8")
                    .pekat("http://127.0.0.1:8000")
                    .yaml("pekat", extra.replace("\n      ", "\n")))
            .toYaml();
    return new ConfigLoader(Map.of()).parse("test.yaml", yaml).cameras().get(0).pekat();
  }

  @Test
  void statsReportPercentilesOfRecentLatencies() {
    PipelineStats stats = new PipelineStats();
    assertThat(stats.snapshot().p50Millis()).isNaN();
    for (int i = 1; i <= 100; i++) {
      stats.latency(i * 1_000_000L);
    }
    PipelineStats.Snapshot s = stats.snapshot();
    assertThat(s.p50Millis()).isEqualTo(50.0);
    assertThat(s.p99Millis()).isEqualTo(99.0);
  }
}
