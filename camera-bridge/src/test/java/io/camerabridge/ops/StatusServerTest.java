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
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
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

  @Test
  void halfARequestLineDoesNotBlindHealthOrMetrics() throws Exception {
    cameras.add(new CameraHealth("top", true, CameraState.STREAMING, 0.1, true, false));
    List<Socket> slow = new ArrayList<>();
    try {
      for (int i = 0; i < 8; i++) {
        Socket s = new Socket("127.0.0.1", server.address().getPort());
        s.getOutputStream().write("GET /hea".getBytes(StandardCharsets.US_ASCII));
        s.getOutputStream().flush();
        slow.add(s);
      }

      assertThat(get("/health", null).statusCode()).isEqualTo(200);
      assertThat(get("/metrics", null).statusCode()).isEqualTo(200);
      assertThat(slow).allMatch(s -> !s.isClosed());
    } finally {
      for (Socket s : slow) {
        s.close();
      }
    }
  }

  @Test
  void aConnectionThatNeverCompletesItsRequestIsClosed() throws Exception {
    StatusServer strict =
        new StatusServer(
            new InetSocketAddress("127.0.0.1", 0),
            metrics.registry(),
            List::of,
            StatusRoutes.NONE,
            new StatusServer.Limits(Duration.ofMillis(300), Duration.ofSeconds(30), 64));
    strict.start();
    try (Socket s = new Socket("127.0.0.1", strict.address().getPort())) {
      s.setSoTimeout(60_000);
      s.getOutputStream()
          .write("GET /health HTTP/1.1\r\nHost: x".getBytes(StandardCharsets.US_ASCII));
      s.getOutputStream().flush();

      // The server hangs up without an answer: end of stream, not the 60 s socket time-out.
      assertThat(s.getInputStream().read()).isEqualTo(-1);
    } finally {
      strict.close();
    }
  }

  @Test
  void connectionsBeyondTheCapAreClosedAndTheOthersStillServed() throws Exception {
    StatusServer capped =
        new StatusServer(
            new InetSocketAddress("127.0.0.1", 0),
            metrics.registry(),
            List::of,
            StatusRoutes.NONE,
            new StatusServer.Limits(Duration.ofSeconds(30), Duration.ofSeconds(30), 2));
    capped.start();
    int port = capped.address().getPort();
    try (Socket first = new Socket("127.0.0.1", port);
        Socket second = new Socket("127.0.0.1", port);
        Socket third = new Socket("127.0.0.1", port)) {
      third.setSoTimeout(60_000);
      assertThat(third.getInputStream().read()).isEqualTo(-1);
      first.setSoTimeout(60_000);
      first
          .getOutputStream()
          .write("GET /ready HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      String answer = new String(first.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
      assertThat(answer).isEqualTo("HTTP/1.1 503");
    } finally {
      capped.close();
    }
  }

  @Test
  void anOverlongRequestLineIsRefused() throws Exception {
    HttpResponse<String> response = get("/health?" + "x".repeat(10_000), null);
    assertThat(response.statusCode()).isIn(400, 414);
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
