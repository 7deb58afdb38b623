package io.camerabridge.pekat.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camerabridge.pekat.ApiKey;
import io.camerabridge.testing.NettyLeakCheck;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The simulator's HTTP API over real sockets, checked with the JDK's own HTTP client (not
 * camera-bridge's), so the simulator and our client check each other.
 */
class PekatSimulatorTest {
  @RegisterExtension static final NettyLeakCheck leakCheck = NettyLeakCheck.perClass();

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int W = 160;
  private static final int H = 120;

  private static final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private static PekatSimulator pekat;

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

  private static String raw(int w, int h) {
    return "/analyze_raw_image?width=" + w + "&height=" + h;
  }

  static JsonNode json(byte[] body) throws IOException {
    return JSON.readTree(body);
  }

  static String text(HttpResponse<byte[]> response) {
    return new String(response.body(), StandardCharsets.UTF_8);
  }

  // ---- analyze_raw_image: layouts and analysis ----

  @Test
  void grayFrameWithABrightSquareIsNgWithThatRectangle() throws Exception {
    byte[] frame = Images.gray(W, H, 40, 24, 32, 16);

    HttpResponse<byte[]> response = post(pekat, raw(W, H), frame);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
    assertThat(response.headers().firstValueAsLong("content-length"))
        .hasValue(response.body().length);
    JsonNode context = json(response.body());
    assertThat(context.get("result").asBoolean()).isFalse();
    JsonNode rects = context.get("detectedRectangles");
    assertThat(rects).hasSize(1);
    JsonNode rect = rects.get(0);
    assertThat(List.of(rect.get("x").asInt(), rect.get("y").asInt())).containsExactly(40, 24);
    assertThat(List.of(rect.get("width").asInt(), rect.get("height").asInt()))
        .containsExactly(32, 16);
    assertThat(rect.get("classNames").get(0).get("label").asText()).isEqualTo("defect");
  }

  @Test
  void contextHasTheDocumentedFieldsAndTypes() throws Exception {
    JsonNode c = json(post(pekat, raw(W, H) + "&data=lot42", Images.gray(W, H, 0, 0, 8, 8)).body());

    assertThat(c.get("processing").isBoolean()).isTrue();
    assertThat(c.get("processing").asBoolean()).isTrue();
    assertThat(c.get("error").isBoolean()).isTrue();
    assertThat(c.get("save").isBoolean()).isTrue();
    assertThat(c.get("result").isBoolean()).isTrue();
    assertThat(c.get("production_mode").asBoolean()).isTrue();
    assertThat(c.get("imageShape").get("width").isInt()).isTrue();
    assertThat(c.get("imageShape").get("width").asInt()).isEqualTo(W);
    assertThat(c.get("imageShape").get("height").asInt()).isEqualTo(H);
    assertThat(c.get("processingTime").isDouble()).isTrue();
    assertThat(c.get("completeTime").isDouble()).isTrue();
    assertThat(c.get("data").asText()).isEqualTo("lot42");
    assertThat(c.get("errors").isArray()).isTrue();
    assertThat(c.get("stdout").isTextual()).isTrue();
    assertThat(c.get("stderr").isTextual()).isTrue();
    assertThat(c.get("operatorInput").isObject()).isTrue();
    assertThat(c.get("globalData").isObject()).isTrue();
    assertThat(c.get("surfaceClasses").isArray()).isTrue();
    assertThat(c.get("lines").isArray()).isTrue();
    assertThat(c.has("angle")).isTrue();
    assertThat(c.get("score").isNumber()).isTrue();
    assertThat(c.get("threshold").isNumber()).isTrue();
    JsonNode rect = c.get("detectedRectangles").get(0);
    for (String field : List.of("id", "x", "y", "width", "height")) {
      assertThat(rect.get(field).isInt()).as(field).isTrue();
    }
    assertThat(rect.get("rotate").isDouble()).isTrue();
    assertThat(rect.get("confidence").isDouble()).isTrue();
    JsonNode cls = rect.get("classNames").get(0);
    assertThat(cls.get("id").isInt()).isTrue();
    assertThat(cls.get("confidence").isInt()).isTrue();
    assertThat(cls.get("color").isTextual()).isTrue();
    JsonNode source = rect.get("source");
    assertThat(source.get("modelId").isInt()).isTrue();
    assertThat(source.get("moduleId").isInt()).isTrue();
    assertThat(source.get("type").asText()).isEqualTo("DETECTOR");
  }

  @Test
  void darkFrameIsOk() throws Exception {
    JsonNode context = json(post(pekat, raw(W, H), Images.gray(W, H)).body());

    assertThat(context.get("result").asBoolean()).isTrue();
    assertThat(context.get("detectedRectangles")).isEmpty();
  }

  @Test
  void bgrFrameIsRecognisedByItsLength() throws Exception {
    JsonNode context = json(post(pekat, raw(W, H), Images.bgr(W, H, 80, 64, 16, 24)).body());

    JsonNode rect = context.get("detectedRectangles").get(0);
    assertThat(List.of(rect.get("x").asInt(), rect.get("y").asInt(), rect.get("width").asInt()))
        .containsExactly(80, 64, 16);
  }

  @Test
  void bayerFlagReadsWTimesHBytesAsBayerRg8() throws Exception {
    byte[] mosaic = Images.bayer(W, H, 16, 16, 24, 8);

    JsonNode context = json(post(pekat, raw(W, H) + "&bayer", mosaic).body());
    HttpResponse<byte[]> png = post(pekat, raw(W, H) + "&bayer&response_type=image", mosaic);

    JsonNode rect = context.get("detectedRectangles").get(0);
    assertThat(List.of(rect.get("x").asInt(), rect.get("y").asInt(), rect.get("width").asInt()))
        .containsExactly(16, 16, 24);
    BufferedImage image = Images.decode(png.body());
    // Demosaiced: the background is dark red, not a gray checkerboard.
    Color background = new Color(image.getRGB(100, 100));
    assertThat(List.of(background.getRed(), background.getGreen(), background.getBlue()))
        .containsExactly(120, 0, 0);
    assertThat(new Color(image.getRGB(20, 20))).isEqualTo(Color.WHITE);
  }

  @Test
  void bodyLengthMatchingNoLayoutIsA400WithOneLine() throws Exception {
    HttpResponse<byte[]> response = post(pekat, raw(W, H), new byte[W * H * 2]);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(text(response).strip())
        .doesNotContain("\n")
        .contains(String.valueOf(W * H * 2))
        .contains(String.valueOf(W * H))
        .contains(String.valueOf(W * H * 3));
    assertThat(pekat.stats().count(Endpoint.ANALYZE_RAW_IMAGE, Outcome.REJECTED)).isEqualTo(1);
  }

  @Test
  void bayerFlagWithABgrSizedBodyIsA400() throws Exception {
    HttpResponse<byte[]> response = post(pekat, raw(W, H) + "&bayer", new byte[W * H * 3]);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(text(response)).contains("Bayer");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/analyze_raw_image?height=120",
        "/analyze_raw_image?width=160",
        "/analyze_raw_image?width=abc&height=120",
        "/analyze_raw_image?width=160&height=-5",
        "/analyze_raw_image?width=&height=120"
      })
  void missingOrNonNumericSizeIsA400(String target) throws Exception {
    HttpResponse<byte[]> response = post(pekat, target, new byte[W * H]);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(text(response)).containsAnyOf("width", "height").endsWith("\n");
    assertThat(text(response).strip()).doesNotContain("\n");
  }

  @Test
  void unknownResponseTypeIsA400() throws Exception {
    HttpResponse<byte[]> response =
        post(pekat, raw(W, H) + "&response_type=thumbnail", Images.gray(W, H));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(text(response)).contains("response_type");
  }

  @Test
  void dataIsUrlDecodedIntoTheContext() throws Exception {
    JsonNode context =
        json(post(pekat, raw(W, H) + "&data=lot%2042%26line%3D3+%C3%A9", Images.gray(W, H)).body());

    assertThat(context.get("data").asText()).isEqualTo("lot 42&line=3 é");
  }

  @Test
  void pythonSdksLiteralNoneDataIsKept() throws Exception {
    JsonNode context =
        json(
            post(
                    pekat,
                    "/analyze_raw_image?response_type=context&data=None&width=160&height=120",
                    Images.gray(W, H))
                .body());

    assertThat(context.get("data").asText()).isEqualTo("None");
  }

  // ---- image response types and context placement ----

  @Test
  void imageResponseCarriesThePngAndTheContextInTheHeader() throws Exception {
    HttpResponse<byte[]> response =
        post(pekat, raw(W, H) + "&response_type=image", Images.gray(W, H, 40, 24, 32, 16));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type")).hasValue("image/png");
    BufferedImage image = Images.decode(response.body());
    assertThat(List.of(image.getWidth(), image.getHeight())).containsExactly(W, H);
    String header = response.headers().firstValue("contextbase64utf").orElseThrow();
    JsonNode context = json(Base64.getDecoder().decode(header));
    assertThat(context.get("detectedRectangles")).hasSize(1);
    assertThat(new Color(image.getRGB(50, 30))).isEqualTo(Color.WHITE);
    assertThat(response.headers().firstValue("ImageLen")).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"&context_in_body", "&context_in_body=1", "&context_in_body=true"})
  void contextInBodyPutsTheJsonAfterThePng(String flag) throws Exception {
    HttpResponse<byte[]> response =
        post(pekat, raw(W, H) + "&response_type=heatmap" + flag, Images.gray(W, H, 8, 8, 8, 8));

    int imageLen = Integer.parseInt(response.headers().firstValue("imagelen").orElseThrow());
    byte[] body = response.body();
    BufferedImage heatmap = Images.decode(Arrays.copyOf(body, imageLen));
    JsonNode context = json(Arrays.copyOfRange(body, imageLen, body.length));
    assertThat(List.of(heatmap.getWidth(), heatmap.getHeight())).containsExactly(W, H);
    assertThat(context.get("detectedRectangles")).hasSize(1);
    assertThat(response.headers().firstValue("ContextBase64utf")).isEmpty();
  }

  @Test
  void annotatedImageOutlinesEachRegionAndHeatmapIsBlackElsewhere() throws Exception {
    byte[] frame = Images.gray(W, H, 40, 24, 32, 16);

    BufferedImage annotated =
        Images.decode(post(pekat, raw(W, H) + "&response_type=annotated_image", frame).body());
    BufferedImage heatmap =
        Images.decode(post(pekat, raw(W, H) + "&response_type=heatmap", frame).body());

    assertThat(List.of(annotated.getWidth(), annotated.getHeight())).containsExactly(W, H);
    Color edge = new Color(annotated.getRGB(40, 30));
    assertThat(edge.getRed()).isGreaterThan(200);
    assertThat(edge.getGreen()).isLessThan(80);
    Color outside = new Color(annotated.getRGB(120, 100));
    assertThat(outside.getRed()).isEqualTo(outside.getGreen()).isEqualTo(20);
    assertThat(new Color(heatmap.getRGB(120, 100))).isEqualTo(Color.BLACK);
    assertThat(new Color(heatmap.getRGB(50, 30))).isNotEqualTo(Color.BLACK);
  }

  // ---- analyze_image ----

  @ParameterizedTest
  @ValueSource(strings = {"png", "jpg", "bmp"})
  void analyzeImageDecodesImageFiles(String format) throws Exception {
    BufferedImage picture = new BufferedImage(W, H, BufferedImage.TYPE_3BYTE_BGR);
    java.awt.Graphics2D g = picture.createGraphics();
    g.setColor(new Color(10, 10, 10));
    g.fillRect(0, 0, W, H);
    g.setColor(Color.WHITE);
    g.fillRect(64, 32, 32, 32);
    g.dispose();

    HttpResponse<byte[]> response = post(pekat, "/analyze_image", Images.encode(picture, format));

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode context = json(response.body());
    assertThat(context.get("imageShape").get("width").asInt()).isEqualTo(W);
    JsonNode rect = context.get("detectedRectangles").get(0);
    assertThat(List.of(rect.get("x").asInt(), rect.get("y").asInt())).containsExactly(64, 32);
  }

  @Test
  void undecodableOrEmptyImageIsA400() throws Exception {
    HttpResponse<byte[]> garbage =
        post(pekat, "/analyze_image", "not an image".getBytes(StandardCharsets.UTF_8));
    HttpResponse<byte[]> empty = post(pekat, "/analyze_image", new byte[0]);

    assertThat(garbage.statusCode()).isEqualTo(400);
    assertThat(text(garbage)).contains("PNG");
    assertThat(empty.statusCode()).isEqualTo(400);
    assertThat(text(empty)).contains("empty");
  }

  // ---- processing modes ----

  @Test
  void processingOffAnswersTheBareContextAsJsonEvenForImageTypes() throws Exception {
    pekat.setProcessing(Processing.OFF);

    HttpResponse<byte[]> response =
        post(pekat, raw(W, H) + "&response_type=annotated_image", Images.gray(W, H, 0, 0, 8, 8));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("ContextBase64utf")).isEmpty();
    assertThat(response.headers().firstValue("ImageLen")).isEmpty();
    JsonNode context = json(response.body());
    List<String> fields = new java.util.ArrayList<>();
    context.fieldNames().forEachRemaining(fields::add);
    assertThat(fields)
        .containsExactlyInAnyOrder("processing", "error", "imageShape", "processingTime", "save");
    assertThat(context.get("processing").asBoolean()).isFalse();
    assertThat(context.get("imageShape").get("height").asInt()).isEqualTo(H);
  }

  @Test
  void discardAnswersAnOkContextWithoutAnalysing() throws Exception {
    pekat.setProcessing(Processing.DISCARD);
    pekat.setChecksums(false);

    JsonNode context = json(post(pekat, raw(W, H), Images.gray(W, H, 0, 0, 64, 64)).body());

    assertThat(context.get("processing").asBoolean()).isTrue();
    assertThat(context.get("result").asBoolean()).isTrue();
    assertThat(context.get("detectedRectangles")).isEmpty();
    assertThat(pekat.stats().last().orElseThrow().crc32c()).isEmpty();
  }

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
