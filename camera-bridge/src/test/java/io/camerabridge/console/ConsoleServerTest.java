package io.camerabridge.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.camerabridge.config.BridgeConfig;
import io.camerabridge.config.ConfigLoader;
import io.camerabridge.config.PasswordHash;
import io.camerabridge.config.yaml.CameraYaml;
import io.camerabridge.config.yaml.ConfigYaml;
import io.camerabridge.frame.FrameInfo;
import io.camerabridge.frame.FrameLease;
import io.camerabridge.frame.FrameLeases;
import io.camerabridge.metrics.BridgeMetrics;
import io.camerabridge.ops.StatusServer;
import io.camerabridge.pekat.AnalysisOutcome;
import io.camerabridge.pekat.AnalysisResult;
import io.camerabridge.pekat.ExchangeTimings;
import io.camerabridge.pekat.RawLayout;
import io.camerabridge.pipeline.FrameTap;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console's routes on a real status server over real sockets: the API, previews through the
 * tap, the NG directory's walls, authentication and headers. No camera: the tap is fed directly.
 */
class ConsoleServerTest {
  private static final String TOKEN = "console-token-0123456789";

  @TempDir Path dir;

  private final HttpClient http = HttpClient.newHttpClient();
  private final BridgeMetrics metrics = new BridgeMetrics();
  private Console console;
  private StatusServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
    if (console != null) {
      console.close();
    }
    metrics.close();
  }

  @Test
  void camerasAreListedWithoutSecretsAndWithStrictHeaders() throws Exception {
    start("");

    HttpResponse<String> r = get("/api/cameras", Map.of());

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("\"id\":\"cam\"").contains("\"state\":\"stopped\"");
    assertThat(r.body()).doesNotContain("pekat-key-0123456789").doesNotContain("8123");
    assertThat(r.headers().firstValue("Content-Security-Policy").orElseThrow())
        .contains("default-src 'none'")
        .contains("script-src 'self'")
        .doesNotContain("http");
    assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(r.headers().firstValue("X-Frame-Options")).hasValue("DENY");
    HttpResponse<String> page = get("/", Map.of());
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
    assertThat(page.body())
        .contains("/console.js")
        .doesNotContain("http://")
        .doesNotContain("https://");
    assertThat(get("/api/cameras/nope/ng", Map.of()).statusCode()).isEqualTo(404);
    assertThat(get("/api/other", Map.of()).statusCode()).isEqualTo(404);
  }

  @Test
  void aPreviewIsTakenOnlyWhileWatchedAndTheFrameIsGivenBackOnce() throws Exception {
    start("");
    FrameTap tap = console.tap("cam");
    assertThat(tap.wanted()).as("nobody watches yet").isFalse();

    assertThat(get("/api/cameras/cam/preview.jpg", Map.of()).statusCode()).isEqualTo(404);
    await().atMost(Duration.ofSeconds(30)).until(tap::wanted);
    FrameLeases leases = new FrameLeases();
    ByteBuffer pixels = ByteBuffer.allocateDirect(1280 * 960);
    for (int i = 0; i < pixels.capacity(); i++) {
      pixels.put(i, (byte) (i % 1280 / 5));
    }
    FrameInfo info = new FrameInfo("cam", 3, 7, 0, 0, 1280, 960, RawLayout.BAYER_RG8);
    FrameLease frame = leases.lease(info, pixels, () -> {});
    tap.offer(frame.retainedDuplicate(), info);
    tap.offer(frame.retainedDuplicate(), info); // no longer wanted: released at once
    frame.release();
    await().atMost(Duration.ofSeconds(30)).until(() -> leases.outstanding() == 0);

    HttpResponse<byte[]> full = getBytes("/api/cameras/cam/preview.jpg");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> getBytes("/api/cameras/cam/preview.jpg").statusCode() == 200);
    full = getBytes("/api/cameras/cam/preview.jpg");
    assertThat(full.headers().firstValue("Content-Type")).hasValue("image/jpeg");
    assertThat(full.headers().firstValue("X-Frame-Id")).hasValue("7");
    assertThat(full.headers().firstValue("X-Frame-Sequence")).hasValue("3");
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(full.body()));
    assertThat(image.getWidth()).isEqualTo(640);
    assertThat(image.getHeight()).isEqualTo(480);
    BufferedImage small =
        ImageIO.read(
            new ByteArrayInputStream(getBytes("/api/cameras/cam/preview.jpg?width=200").body()));
    assertThat(small.getWidth()).isEqualTo(200);
    assertThat(get("/api/cameras/cam/preview.jpg?width=x", Map.of()).statusCode()).isEqualTo(400);
  }

  @Test
  void theApiKeyNeverReachesTheNgContext() throws Exception {
    start("");
    String context =
        "{\"result\":false,\"echo\":\"/analyze_raw_image?api_key=pekat-key-0123456789\","
            + "\"raw\":\"pekat-key-0123456789\"}";
    FrameInfo info = new FrameInfo("cam", 1, 2, 0, 0, 8, 8, RawLayout.GRAY8);
    console
        .tap("cam")
        .answered(
            info,
            java.time.Instant.now(),
            new AnalysisOutcome.Analyzed(
                new AnalysisResult(
                    AnalysisResult.Verdict.NG, true, false, List.of(), context, Optional.empty()),
                ExchangeTimings.endedBeforeWrite(System.nanoTime(), System.nanoTime())),
            "127.0.0.1:8001");

    List<NgEvent> events = ((CameraPreview) console.tap("cam")).ngEvents();

    assertThat(events).hasSize(1);
    assertThat(events.get(0).contextJson()).doesNotContain("pekat-key").contains("[redacted]");
    String cameras = get("/api/cameras", Map.of()).body();
    assertThat(cameras).doesNotContain("pekat-key");
    assertThat(cameras).as("the card names the instance that answered").contains("127.0.0.1:8001");
  }

  @Test
  void ngImagesAreListedAndServedButNoPathLeavesTheirDirectory() throws Exception {
    Path ng = Files.createDirectories(dir.resolve("ng"));
    byte[] png = Files.readAllBytes(writePng(ng.resolve("cam-20261201T101500.250Z-4242.png")));
    Files.writeString(dir.resolve("secret.png"), "outside");
    Files.writeString(ng.resolve("cam-side-20261201T101500.250Z-1.png"), "another camera");
    Files.createSymbolicLink(
        ng.resolve("cam-20261201T101600.000Z-99.png"), dir.resolve("secret.png"));
    start("");

    HttpResponse<String> list = get("/api/cameras/cam/ng", Map.of());
    assertThat(list.statusCode()).isEqualTo(200);
    assertThat(list.body())
        .contains("\"file\":\"cam-20261201T101500.250Z-4242.png\"")
        .contains("\"frameId\":4242")
        .contains("\"time\":\"2026-12-01T10:15:00.250Z\"")
        .doesNotContain("cam-side")
        .doesNotContain("-99.png");
    HttpResponse<byte[]> one = getBytes("/api/cameras/cam/ng/cam-20261201T101500.250Z-4242.png");
    assertThat(one.statusCode()).isEqualTo(200);
    assertThat(one.headers().firstValue("Content-Type")).hasValue("image/png");
    assertThat(one.body()).isEqualTo(png);

    for (String attempt :
        List.of(
            "/api/cameras/cam/ng/../secret.png",
            "/api/cameras/cam/ng/..%2Fsecret.png",
            "/api/cameras/cam/ng/%2e%2e%2fsecret.png",
            "/api/cameras/cam/ng/..%5Csecret.png",
            "/api/cameras/cam/ng/%2Fetc%2Fpasswd",
            "/api/cameras/cam/ng/cam-20261201T101600.000Z-99.png",
            "/api/cameras/cam/ng/cam-side-20261201T101500.250Z-1.png",
            "/api/cameras/cam/ng/cam-20261201T101500.250Z-4242.png%00.txt",
            "/api/cameras/..%2Fcam/ng/cam-20261201T101500.250Z-4242.png",
            "/api/cameras/cam/ng/sub/cam-20261201T101500.250Z-4242.png")) {
      String answer = raw(attempt, "");
      assertThat(answer).as(attempt).startsWith("HTTP/1.1 404").doesNotContain("outside");
    }
  }

  @Test
  void aTokenGuardsTheConsoleButNotMetricsHealthOrReady() throws Exception {
    start("console: { auth: { token: \"" + TOKEN + "\" } }\n");

    assertThat(get("/api/cameras", Map.of()).statusCode()).isEqualTo(401);
    assertThat(get("/api/cameras", Map.of()).headers().firstValue("WWW-Authenticate").orElseThrow())
        .startsWith("Bearer");
    assertThat(
            get("/api/cameras", Map.of("Authorization", "Bearer wrong-token-0123456789"))
                .statusCode())
        .isEqualTo(401);
    HttpResponse<String> ok = get("/api/cameras", Map.of("Authorization", "Bearer " + TOKEN));
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(ok.body()).doesNotContain(TOKEN);
    HttpResponse<String> page = get("/", Map.of());
    assertThat(page.statusCode()).isEqualTo(303);
    assertThat(page.headers().firstValue("Location")).hasValue("/login");
    assertThat(get("/login", Map.of()).statusCode()).isEqualTo(200);
    assertThat(get("/metrics", Map.of()).statusCode()).isEqualTo(200);
    assertThat(get("/health", Map.of()).statusCode()).isEqualTo(200);
    assertThat(get("/ready", Map.of()).statusCode()).isEqualTo(503);

    HttpResponse<String> wrong = post("/login", "token=nope");
    assertThat(wrong.statusCode()).isEqualTo(303);
    assertThat(wrong.headers().firstValue("Location")).hasValue("/login?failed");
    assertThat(wrong.headers().firstValue("Set-Cookie")).isEmpty();
    HttpResponse<String> right = post("/login", "token=" + TOKEN);
    String cookie = right.headers().firstValue("Set-Cookie").orElseThrow();
    assertThat(cookie)
        .containsIgnoringCase("HttpOnly")
        .contains("SameSite=Strict")
        .doesNotContain(TOKEN);
    String pair = cookie.substring(0, cookie.indexOf(';'));
    assertThat(get("/api/cameras", Map.of("Cookie", pair)).statusCode()).isEqualTo(200);
    assertThat(get("/", Map.of("Cookie", pair)).statusCode()).isEqualTo(200);
  }

  @Test
  void basicAuthenticationChecksThePasswordHash() throws Exception {
    String hash = PasswordHash.create("correct horse".toCharArray()).encoded();
    start("console: { auth: { user: operator, passwordHash: \"" + hash + "\" } }\n");

    HttpResponse<String> none = get("/", Map.of());
    assertThat(none.statusCode()).isEqualTo(401);
    assertThat(none.headers().firstValue("WWW-Authenticate").orElseThrow()).startsWith("Basic");
    assertThat(
            get("/api/cameras", Map.of("Authorization", basic("operator", "wrong"))).statusCode())
        .isEqualTo(401);
    assertThat(
            get("/api/cameras", Map.of("Authorization", basic("intruder", "correct horse")))
                .statusCode())
        .isEqualTo(401);
    HttpResponse<String> ok =
        get("/api/cameras", Map.of("Authorization", basic("operator", "correct horse")));
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(ok.body()).doesNotContain(hash).doesNotContain("pbkdf2");
    assertThat(get("/health", Map.of()).statusCode()).isEqualTo(200);
  }

  @Test
  void publicOffLoopbackIsOpenOnlyWhenSaidSo() throws Exception {
    start("metrics: { listen: \"0.0.0.0:0\" }\nconsole: { public: true }\n", false);
    assertThat(get("/api/cameras", Map.of()).statusCode()).isEqualTo(200);
  }

  @Test
  void aSlowConsoleClientDoesNotHoldUpHealth() throws Exception {
    start("");
    try (Socket slow = new Socket("127.0.0.1", server.address().getPort())) {
      slow.getOutputStream().write("GET /api/cam".getBytes(StandardCharsets.US_ASCII));
      slow.getOutputStream().flush();
      try (Socket events = new Socket("127.0.0.1", server.address().getPort())) {
        events
            .getOutputStream()
            .write(
                "GET /api/events HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        InputStream in = events.getInputStream();
        String head = new String(in.readNBytes(15), StandardCharsets.US_ASCII);
        assertThat(head).isEqualTo("HTTP/1.1 200 OK");
        assertThat(get("/health", Map.of()).statusCode()).isEqualTo(200);
      }
    }
  }

  // ---- helpers --------------------------------------------------------------------------------

  private void start(String extraYaml) throws Exception {
    start(extraYaml, true);
  }

  private void start(String extraYaml, boolean loopback) throws Exception {
    ConfigYaml yaml = ConfigYaml.create();
    if (loopback) {
      yaml.metricsListen("127.0.0.1:0");
    }
    Path file =
        yaml.yaml(extraYaml)
            .camera(
                CameraYaml.of("cam", "CAM-1")
                    .enabled(false)
                    .pixelFormat("BayerRG8")
                    .pekat("http://127.0.0.1:8123")
                    .pekat("apiKey", "pekat-key-0123456789")
                    .set("results.saveNg.dir", dir.resolve("ng")))
            .write(dir.resolve("camera-bridge.yaml"));
    BridgeConfig config = new ConfigLoader(Map.of()).load(file);
    console = new Console(config, id -> Optional.empty(), metrics.registry(), id -> null);
    server =
        new StatusServer(
            new InetSocketAddress(config.metrics().host(), config.metrics().port()),
            metrics.registry(),
            List::of,
            console.routes(),
            StatusServer.Limits.DEFAULT);
    server.start();
    console.start();
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.address().getPort() + path);
  }

  private HttpResponse<String> get(String path, Map<String, String> headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).GET();
    headers.forEach(b::header);
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<byte[]> getBytes(String path) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private HttpResponse<String> post(String path, String form)
      throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(uri(path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Sends the path exactly as written (no client-side normalisation). */
  private String raw(String path, String headers) throws IOException {
    try (Socket s = new Socket("127.0.0.1", server.address().getPort())) {
      s.setSoTimeout(60_000);
      s.getOutputStream()
          .write(
              ("GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n" + headers + "\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
      return new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }

  private static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  private static Path writePng(Path file) throws IOException {
    BufferedImage image = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
    image.setRGB(1, 1, 0xff0000);
    ImageIO.write(image, "png", file.toFile());
    return file;
  }
}
