package io.camerabridge.tools.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.camerabridge.pekat.ApiKey;
import io.camerabridge.testing.NettyLeakCheck;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The simulator's other endpoints ({@code ping}, {@code version}, {@code last_image}, {@code
 * stop}), its API key, request records, connections and lanes, over real sockets.
 */
class SimulatorServerTest extends SimulatorHttpFixture {
  @RegisterExtension static final NettyLeakCheck leakCheck = NettyLeakCheck.perClass();

  // ---- other endpoints ----

  @Test
  void pingAnswersGetAndHead() throws Exception {
    HttpResponse<byte[]> get = get(pekat, "/ping", "GET");
    HttpResponse<byte[]> head = get(pekat, "/ping", "HEAD");

    assertThat(get.statusCode()).isEqualTo(200);
    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.body()).isEmpty();
    assertThat(head.headers().firstValueAsLong("content-length")).hasValue(get.body().length);
  }

  @Test
  void versionIsPlainTextAtLeast318() throws Exception {
    HttpResponse<byte[]> response = get(pekat, "/version", "GET");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(text(response).strip()).isEqualTo("4.0.3");
  }

  @Test
  void unknownPathIs404AndWrongMethodIs405() throws Exception {
    HttpResponse<byte[]> unknown = get(pekat, "/analyse_raw_image", "GET");
    HttpResponse<byte[]> getOnAnalyze = get(pekat, "/analyze_raw_image", "GET");
    HttpResponse<byte[]> postOnPing = post(pekat, "/ping", new byte[1]);

    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(text(unknown)).contains("/analyze_raw_image");
    assertThat(getOnAnalyze.statusCode()).isEqualTo(405);
    assertThat(getOnAnalyze.headers().firstValue("allow")).hasValue("POST, PUT");
    assertThat(postOnPing.statusCode()).isEqualTo(405);
  }

  @Test
  void lastImageReturnsTheLastAnalysedFrame() throws Exception {
    post(pekat, raw(W, H), Images.gray(W, H, 40, 24, 32, 16));

    HttpResponse<byte[]> image = get(pekat, "/last_image", "GET");
    HttpResponse<byte[]> context = get(pekat, "/last_image?response_type=context", "GET");
    HttpResponse<byte[]> unknownType = get(pekat, "/last_image?response_type=thumbnail", "GET");

    assertThat(image.statusCode()).isEqualTo(200);
    assertThat(Images.decode(image.body()).getWidth()).isEqualTo(W);
    assertThat(json(context.body()).get("detectedRectangles")).hasSize(1);
    assertThat(unknownType.statusCode()).isEqualTo(200);
    assertThat(unknownType.headers().firstValue("content-type")).hasValue("image/png");
    assertThat(unknownType.body()).isEmpty();
  }

  @Test
  void lastImageBeforeAnyImageIs404() throws Exception {
    try (PekatSimulator fresh = PekatSimulator.builder().build().start()) {
      assertThat(get(fresh, "/last_image", "GET").statusCode()).isEqualTo(404);
    }
  }

  @Test
  void stopNeedsTheStopKeyAndThenStopsTheSimulator() throws Exception {
    try (PekatSimulator stoppable = PekatSimulator.builder().stopKey("k1").build().start()) {
      assertThat(get(stoppable, "/stop?key=wrong", "GET").statusCode()).isEqualTo(403);
      assertThat(get(stoppable, "/stop", "GET").statusCode()).isEqualTo(403);

      HttpResponse<byte[]> stop = get(stoppable, "/stop?key=k1", "GET");

      assertThat(stop.statusCode()).isEqualTo(200);
      stoppable.stopped().get(10, TimeUnit.SECONDS);
      assertThat(stoppable.stopped()).isDone();
    }
  }

  // ---- api key ----

  @Test
  void apiKeyIsEnforcedWhenConfiguredAndNeverRecorded() throws Exception {
    try (PekatSimulator secured =
        PekatSimulator.builder().apiKey(ApiKey.of("s3cret-key")).build().start()) {
      byte[] frame = Images.gray(W, H);

      HttpResponse<byte[]> missing = post(secured, raw(W, H), frame);
      HttpResponse<byte[]> wrong = post(secured, raw(W, H) + "&api_key=nope", frame);
      HttpResponse<byte[]> right = post(secured, raw(W, H) + "&api_key=s3cret-key", frame);
      HttpResponse<byte[]> ping = get(secured, "/ping", "GET");

      assertThat(missing.statusCode()).isEqualTo(401);
      assertThat(wrong.statusCode()).isEqualTo(401);
      assertThat(text(wrong)).doesNotContain("nope").doesNotContain("s3cret");
      assertThat(right.statusCode()).isEqualTo(200);
      assertThat(ping.statusCode()).isEqualTo(200);
      assertThat(secured.stats().count(Endpoint.ANALYZE_RAW_IMAGE, Outcome.UNAUTHORIZED))
          .isEqualTo(2);
      assertThat(secured.stats().recent().toString()).doesNotContain("s3cret");
      assertThat(secured.toString()).doesNotContain("s3cret");
      assertThat(secured.stats().recent().get(2).query()).containsEntry("api_key", "<redacted>");
    }
  }

  // ---- observability and connections ----

  @Test
  void recordsProveWhichBytesArrived() throws Exception {
    byte[] frame = Images.bgr(W, H, 8, 8, 8, 8);

    post(pekat, raw(W, H) + "&data=cam1", frame);

    RequestRecord record = pekat.stats().last().orElseThrow();
    assertThat(record.endpoint()).isEqualTo(Endpoint.ANALYZE_RAW_IMAGE);
    assertThat(record.method()).isEqualTo("POST");
    assertThat(record.bodyBytes()).isEqualTo(frame.length);
    assertThat(record.crc32c()).hasValue(Images.crc32c(frame));
    assertThat(record.query())
        .containsEntry("width", "160")
        .containsEntry("height", "120")
        .containsEntry("data", "cam1");
    assertThat(record.outcome()).isEqualTo(Outcome.OK);
    assertThat(record.status()).isEqualTo(200);
    assertThat(pekat.stats().count(Endpoint.ANALYZE_RAW_IMAGE, Outcome.OK)).isEqualTo(1);
  }

  @Test
  void keepAliveConnectionIsReused() throws Exception {
    byte[] frame = Images.gray(W, H);
    post(pekat, raw(W, H), frame);
    post(pekat, raw(W, H), frame);
    get(pekat, "/ping", "GET");

    List<RequestRecord> recent = pekat.stats().recent();
    assertThat(recent).hasSize(3);
    assertThat(recent)
        .extracting(RequestRecord::connection)
        .containsOnly(recent.get(0).connection());
  }

  @Test
  void plainSocketGetsBothAnswersOnOneConnection() throws Exception {
    try (RawHttp socket = new RawHttp(pekat.address(), 10_000)) {
      byte[] frame = Images.gray(W, H, 0, 0, 16, 16);
      // Two requests back to back (pipelined): answers must come in order.
      socket.send("POST", raw(W, H) + "&data=first", frame);
      socket.send("POST", raw(W, H) + "&data=second", frame);

      RawHttp.Response first = socket.read(false);
      RawHttp.Response second = socket.read(false);

      assertThat(json(first.body()).get("data").asText()).isEqualTo("first");
      assertThat(json(second.body()).get("data").asText()).isEqualTo("second");
      assertThat(first.contentLength()).isEqualTo(first.body().length);
    }
  }

  @Test
  void latencyIsSpentOnTheLaneAndReported() throws Exception {
    pekat.setLatency(Latency.fixed(Duration.ofMillis(150)));

    JsonNode context = json(post(pekat, raw(W, H), Images.gray(W, H)).body());

    assertThat(context.get("processingTime").asDouble()).isGreaterThanOrEqualTo(0.15);
  }

  @Test
  void oneLaneProcessesOneImageAtATimeAndMoreLanesRunInParallel() throws Exception {
    for (int lanes : new int[] {1, 3}) {
      try (PekatSimulator sim =
          PekatSimulator.builder()
              .lanes(lanes)
              .latency(Latency.fixed(Duration.ofMillis(600)))
              .build()
              .start()) {
        List<CompletableFuture<HttpResponse<byte[]>>> answers = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
          HttpRequest request =
              HttpRequest.newBuilder(sim.baseUri().resolve(raw(W, H)))
                  .POST(HttpRequest.BodyPublishers.ofByteArray(Images.gray(W, H)))
                  .build();
          answers.add(http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()));
        }
        for (CompletableFuture<HttpResponse<byte[]>> answer : answers) {
          assertThat(answer.get(20, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        }
        assertThat(sim.stats().peakProcessing()).isEqualTo(lanes);
        assertThat(sim.stats().peakInFlight()).isLessThanOrEqualTo(3);
      }
    }
  }

  @Test
  void closingWhileAnImageIsProcessedDropsTheConnection() throws Exception {
    PekatSimulator sim =
        PekatSimulator.builder().latency(Latency.fixed(Duration.ofSeconds(60))).build().start();
    HttpRequest request =
        HttpRequest.newBuilder(sim.baseUri().resolve(raw(W, H)))
            .POST(HttpRequest.BodyPublishers.ofByteArray(Images.gray(W, H)))
            .build();
    CompletableFuture<HttpResponse<byte[]>> answer =
        http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> sim.stats().peakProcessing() == 1);

    sim.close();

    assertThat(sim.stopped()).isDone();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> answer.get(10, TimeUnit.SECONDS))
        .hasCauseInstanceOf(IOException.class);
  }

  @Test
  void fullSizeBgrFrameComesBackAsAPngOfTheSameSize() throws Exception {
    int w = 1920;
    int h = 1200;
    byte[] frame = Images.bgr(w, h, 960, 600, 64, 48);

    HttpResponse<byte[]> response =
        post(pekat, raw(w, h) + "&response_type=annotated_image&context_in_body", frame);

    int imageLen = Integer.parseInt(response.headers().firstValue("ImageLen").orElseThrow());
    BufferedImage png = Images.decode(Arrays.copyOf(response.body(), imageLen));
    assertThat(List.of(png.getWidth(), png.getHeight())).containsExactly(w, h);
    JsonNode rect =
        json(Arrays.copyOfRange(response.body(), imageLen, response.body().length))
            .get("detectedRectangles")
            .get(0);
    assertThat(List.of(rect.get("x").asInt(), rect.get("y").asInt(), rect.get("width").asInt()))
        .containsExactly(960, 600, 64);
    assertThat(pekat.stats().last().orElseThrow().crc32c()).hasValue(Images.crc32c(frame));
  }

  @Test
  void manyClientsAtOnceEachGetTheirOwnAnswer() throws Exception {
    try (PekatSimulator sim = PekatSimulator.builder().lanes(2).build().start()) {
      List<CompletableFuture<HttpResponse<byte[]>>> answers = new java.util.ArrayList<>();
      for (int i = 0; i < 24; i++) {
        // Client i paints a square in cell column i: its answer must name that column.
        HttpRequest request =
            HttpRequest.newBuilder(sim.baseUri().resolve(raw(W, H) + "&data=" + i))
                .POST(HttpRequest.BodyPublishers.ofByteArray(Images.gray(W, H, i * 8 % W, 8, 8, 8)))
                .build();
        answers.add(http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()));
      }
      for (int i = 0; i < answers.size(); i++) {
        JsonNode context = json(answers.get(i).get(20, TimeUnit.SECONDS).body());
        assertThat(context.get("data").asText()).isEqualTo(String.valueOf(i));
        assertThat(context.get("detectedRectangles").get(0).get("x").asInt()).isEqualTo(i * 8 % W);
      }
      assertThat(sim.stats().peakProcessing()).isLessThanOrEqualTo(2);
      assertThat(sim.stats().count(Endpoint.ANALYZE_RAW_IMAGE, Outcome.OK)).isEqualTo(24);
    }
  }

  @Test
  void putIsAcceptedAsAnAliasOfPost() throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(pekat.baseUri().resolve(raw(W, H)))
            .PUT(HttpRequest.BodyPublishers.ofByteArray(Images.gray(W, H)))
            .build();

    assertThat(http.send(request, HttpResponse.BodyHandlers.ofByteArray()).statusCode())
        .isEqualTo(200);
  }

  @Test
  void baseUriNamesTheEphemeralPort() {
    assertThat(pekat.port()).isPositive();
    assertThat(pekat.baseUri()).isEqualTo(URI.create("http://127.0.0.1:" + pekat.port()));
  }
}
