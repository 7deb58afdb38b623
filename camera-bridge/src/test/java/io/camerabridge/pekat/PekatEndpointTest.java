package io.camerabridge.pekat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camerabridge.pekat.netty.NettyPekatClient;
import io.netty.buffer.Unpooled;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PekatEndpointTest {

  @Test
  void defaultsAreTheServicesOwn() {
    PekatEndpoint e = PekatEndpoint.builder("http://10.0.0.5:8000/").build();

    assertThat(e.baseUrl()).hasToString("http://10.0.0.5:8000");
    assertThat(e.host()).isEqualTo("10.0.0.5");
    assertThat(e.port()).isEqualTo(8000);
    assertThat(e.basePath()).isEmpty();
    assertThat(e.requestTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(e.connectTimeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(e.maxResponseBytes()).isEqualTo(16 * 1024 * 1024);
    assertThat(e.maxInFlight()).isEqualTo(1);
    assertThat(e.responseType()).isEqualTo(ResponseType.CONTEXT);
    assertThat(e.contextPlacement()).isEqualTo(ContextPlacement.HEADER);
    assertThat(
            PekatEndpoint.builder("http://h:8000")
                .responseType(ResponseType.ANNOTATED_IMAGE)
                .build()
                .contextPlacement())
        .as("the header breaks for contexts over ~4 KB")
        .isEqualTo(ContextPlacement.BODY);
    assertThat(e.apiKey()).isEmpty();
  }

  @Test
  void defaultPortsAndPathPrefix() {
    assertThat(PekatEndpoint.builder("https://pekat.plant/line3/").build())
        .satisfies(
            e -> {
              assertThat(e.port()).isEqualTo(443);
              assertThat(e.isHttps()).isTrue();
              assertThat(e.basePath()).isEqualTo("/line3");
            });
    assertThat(PekatEndpoint.builder("HTTP://pekat").build().port()).isEqualTo(80);
  }

  @Test
  void connectTimeoutDefaultsToNoMoreThanTheRequestTimeout() {
    assertThat(
            PekatEndpoint.builder("http://h:8000")
                .requestTimeout(Duration.ofSeconds(1))
                .build()
                .connectTimeout())
        .isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void toStringNeverShowsTheKey() {
    PekatEndpoint e = PekatEndpoint.builder("http://h:8000").apiKey(ApiKey.of("topsecret")).build();

    assertThat(e.toString()).doesNotContain("topsecret").contains("apiKey=set(redacted)");
  }

  @Test
  void rejectsBadSettingsWithAFix() {
    assertThatThrownBy(() -> PekatEndpoint.builder("ftp://h:21").build())
        .hasMessageContaining("http:// or https://");
    assertThatThrownBy(() -> PekatEndpoint.builder("http://h:8000/?api_key=x").build())
        .hasMessageContaining("must not have a query")
        .hasMessageNotContaining("api_key=x");
    assertThatThrownBy(() -> PekatEndpoint.builder("http://u:p@h:8000").build())
        .hasMessageContaining("must not contain a user or password")
        .hasMessageNotContaining("u:p");
    assertThatThrownBy(() -> PekatEndpoint.builder("http:///nohost").build())
        .hasMessageContaining("has no valid host");
    assertThatThrownBy(() -> PekatEndpoint.builder("http://h:8000/analyze_raw_image/").build())
        .hasMessageContaining("must not end with /analyze_raw_image");
    assertThatThrownBy(() -> PekatEndpoint.builder("http://h:8000").maxInFlight(0).build())
        .hasMessageContaining("maxInFlight must be between 1 and 16");
    assertThatThrownBy(() -> PekatEndpoint.builder("http://h:8000").maxInFlight(17).build())
        .hasMessageContaining("maxInFlight must be between 1 and 16");
    assertThatThrownBy(
            () -> PekatEndpoint.builder("http://h:8000").requestTimeout(Duration.ZERO).build())
        .hasMessageContaining("requestTimeout must be between PT0.1S and PT10M");
    assertThatThrownBy(
            () ->
                PekatEndpoint.builder("http://h:8000")
                    .requestTimeout(Duration.ofSeconds(1))
                    .connectTimeout(Duration.ofSeconds(2))
                    .build())
        .hasMessageContaining("shorten connectTimeout");
    assertThatThrownBy(() -> PekatEndpoint.builder("http://h:8000").maxResponseBytes(100).build())
        .hasMessageContaining("maxResponseBytes");
    assertThatThrownBy(
            () -> PekatEndpoint.builder("http://h:8000").caFile(Path.of("/etc/ca.pem")).build())
        .hasMessageContaining("use an https:// URL");
  }

  @Test
  void rawFrameChecksTheBodyLength() {
    var pixels = Unpooled.directBuffer(100).writeZero(100);
    try {
      assertThat(RawFrame.of(pixels, 10, 10, RawLayout.GRAY8).width()).isEqualTo(10);
      assertThatThrownBy(() -> RawFrame.of(pixels, 10, 10, RawLayout.BGR8))
          .hasMessageContaining("needs exactly 300 bytes but the buffer holds 100");
      assertThatThrownBy(() -> RawFrame.of(pixels, 0, 10, RawLayout.GRAY8))
          .hasMessageContaining("positive");
    } finally {
      pixels.release();
    }
  }

  @Test
  void unreadableCaFileFailsAtOpen() {
    PekatEndpoint e =
        PekatEndpoint.builder("https://h:8443").caFile(Path.of("/nonexistent/ca.pem")).build();

    assertThatThrownBy(() -> NettyPekatClient.open(e))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("/nonexistent/ca.pem")
        .hasMessageContaining("not readable");
  }
}
