package io.camerabridge.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camerabridge.metrics.BridgeMetrics;
import io.camerabridge.metrics.ExchangeOutcome;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StatusServerTest {

  private final BridgeMetrics metrics = new BridgeMetrics();
  private final List<CameraHealth> cameras = new CopyOnWriteArrayList<>();
  private final HttpClient http = HttpClient.newHttpClient();
  private StatusServer server;

  @BeforeEach
  void start() {
    server =
        new StatusServer(
            new InetSocketAddress("127.0.0.1", 0), metrics.registry(), () -> List.copyOf(cameras));
    server.start();
  }

  @AfterEach
  void stop() {
    server.close();
    metrics.close();
  }

  @Test
  void metricsAreServedAsPrometheusText() throws Exception {
    metrics.forCamera("top").recordExchange(ExchangeOutcome.OK, 1_000, 2_000, 3_000);

    HttpResponse<String> response = get("/metrics", null);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValue("text/plain; version=0.0.4; charset=utf-8");
    assertThat(response.body())
        .contains("# TYPE camerabridge_results_total counter")
        .contains("camerabridge_results_total{camera=\"top\",outcome=\"ok\"} 1")
        .contains("camerabridge_frame_end_to_end_seconds_bucket{camera=\"top\",outcome=\"ok\",le=");
  }

  @Test
  void metricsAreServedAsOpenMetricsWhenAsked() throws Exception {
    metrics.forCamera("top").frameAcquired();

    HttpResponse<String> response =
        get("/metrics", "application/openmetrics-text;version=1.0.0,text/plain;q=0.5");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("application/openmetrics-text");
    assertThat(response.body())
        .contains("# TYPE camerabridge_frames_acquired counter")
        .endsWith("# EOF\n");
  }

  @Test
  void healthIs200WhenEveryEnabledCameraStreams() throws Exception {
    cameras.add(new CameraHealth("top", true, CameraState.STREAMING, 0.1234, true, false));
    cameras.add(new CameraHealth("spare", false, CameraState.STOPPED, Double.NaN, false, false));

    HttpResponse<String> response = get("/health", null);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValue("application/json; charset=utf-8");
    JsonNode json = new ObjectMapper().readTree(response.body());
    assertThat(json.get("status").asText()).isEqualTo("healthy");
    JsonNode top = json.get("cameras").get("top");
    assertThat(top.get("state").asText()).isEqualTo("streaming");
    assertThat(top.get("lastFrameAgeSeconds").asDouble()).isEqualTo(0.123);
    assertThat(top.get("analyzerReachable").asBoolean()).isTrue();
    JsonNode spare = json.get("cameras").get("spare");
    assertThat(spare.get("enabled").asBoolean()).isFalse();
    assertThat(spare.get("lastFrameAgeSeconds").isNull()).isTrue();
  }

  @Test
  void healthIs503WhileAnEnabledCameraReconnects() throws Exception {
    cameras.add(new CameraHealth("top", true, CameraState.STREAMING, 0.1, true, false));
    cameras.add(new CameraHealth("side", true, CameraState.RECONNECTING, 42, false, false));

    HttpResponse<String> response = get("/health", null);

    assertThat(response.statusCode()).isEqualTo(503);
    JsonNode json = new ObjectMapper().readTree(response.body());
    assertThat(json.get("status").asText()).isEqualTo("unhealthy");
    assertThat(json.get("cameras").get("side").get("state").asText()).isEqualTo("reconnecting");
  }

  @Test
  void readyFollowsTheService() throws Exception {
    assertThat(get("/ready", null).statusCode()).isEqualTo(503);
    server.markReady();
    HttpResponse<String> ready = get("/ready", null);
    assertThat(ready.statusCode()).isEqualTo(200);
    assertThat(ready.body()).contains("\"ready\":true");
    server.markNotReady();
    assertThat(get("/ready", null).statusCode()).isEqualTo(503);
  }

  @Test
  void unknownPathsAndMethodsAreRefused() throws Exception {
    assertThat(get("/metrics/extra", null).statusCode()).isEqualTo(404);
    HttpResponse<String> post =
        http.send(
            HttpRequest.newBuilder(uri("/health"))
                .POST(HttpRequest.BodyPublishers.ofString("x"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(post.statusCode()).isEqualTo(405);
    assertThat(post.headers().firstValue("Allow")).hasValue("GET, HEAD");
  }

  @Test
  void headAnswersWithoutBody() throws Exception {
    HttpResponse<String> head =
        http.send(
            HttpRequest.newBuilder(uri("/metrics"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.body()).isEmpty();
  }

  @Test
  void busyPortIsReportedWithTheAddressAndWhatToChange() {
    InetSocketAddress taken = server.address();
    StatusServer second = new StatusServer(taken, metrics.registry(), List::of);
    assertThatThrownBy(second::start)
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("127.0.0.1:" + taken.getPort())
        .hasMessageContaining("listen address in the configuration");
  }

  @Test
  void closeIsIdempotentAndFreesThePort() throws Exception {
    InetSocketAddress address = server.address();
    server.close();
    server.close();
    assertThatThrownBy(() -> get("/ready", null)).isInstanceOf(IOException.class);
    StatusServer again = new StatusServer(address, metrics.registry(), List::of);
    again.start();
    again.close();
  }

  private HttpResponse<String> get(String path, String accept)
      throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
    if (accept != null) {
      request.header("Accept", accept);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.address().getPort() + path);
  }
}
