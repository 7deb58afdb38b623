package io.camerabridge.tools.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * Fixture of the simulator's HTTP API tests: one simulator per test class, reset before each test,
 * spoken to with the JDK's own HTTP client (not camera-bridge's), so the simulator and our client
 * check each other.
 */
abstract class SimulatorHttpFixture {
  static final ObjectMapper JSON = new ObjectMapper();
  static final int W = 160;
  static final int H = 120;

  static final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  static PekatSimulator pekat;

  @BeforeAll
  static void startSimulator() {
    pekat = PekatSimulator.builder().stopKey("stop-me").build().start();
  }

  @AfterAll
  static void stopSimulator() {
    pekat.close();
  }

  @BeforeEach
  void resetSimulator() {
    pekat.setProcessing(Processing.ON);
    pekat.setChecksums(true);
    pekat.setLatency(Latency.NONE);
    pekat.stats().clear();
  }

  @AfterEach
  void noFaultLeftBehind() {
    assertThat(pekat.fault()).isEqualTo(Fault.NONE);
  }

  static HttpResponse<byte[]> post(PekatSimulator sim, String pathAndQuery, byte[] body)
      throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(sim.baseUri().resolve(pathAndQuery))
            .header("Content-Type", "application/octet-stream")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .timeout(Duration.ofSeconds(10))
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
  }

  static HttpResponse<byte[]> get(PekatSimulator sim, String pathAndQuery, String method)
      throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(sim.baseUri().resolve(pathAndQuery))
            .method(method, HttpRequest.BodyPublishers.noBody())
            .timeout(Duration.ofSeconds(10))
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
  }

  static String raw(int w, int h) {
    return "/analyze_raw_image?width=" + w + "&height=" + h;
  }

  static JsonNode json(byte[] body) throws IOException {
    return JSON.readTree(body);
  }

  static String text(HttpResponse<byte[]> response) {
    return new String(response.body(), StandardCharsets.UTF_8);
  }
}
