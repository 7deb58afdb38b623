package io.camerabridge.metrics;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Prometheus server (Debian's {@code prometheus} binary) for one test: its own process on a
 * free loopback port, its own storage in a temporary directory, a generated configuration that
 * scrapes one target every second and evaluates the given rules every second. Never the system's
 * Prometheus service.
 */
public final class PrometheusServer implements AutoCloseable {
  public static final String EXECUTABLE = "prometheus";

  /** The job name the shipped rules expect (docs/operations.md's scrape configuration). */
  public static final String JOB = "camera-bridge";

  private static final int START_ATTEMPTS = 3;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Process process;
  private final URI base;
  private final Path log;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private PrometheusServer(Process process, URI base, Path log) {
    this.process = process;
    this.base = base;
    this.log = log;
  }

  /**
   * Starts Prometheus in {@code dir}, scraping {@code target} ({@code host:port}) as job {@value
   * #JOB} and loading {@code rules}; returns once it answers {@code /-/ready}.
   */
  public static PrometheusServer start(Path dir, String target, Path rules) throws IOException {
    Path config = dir.resolve("prometheus.yml");
    Files.writeString(config, config(target, rules));
    IOException last = null;
    for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
      // The port is free now; another process may take it before Prometheus binds: try again.
      int port = freePort();
      Path log = dir.resolve("prometheus-" + attempt + ".log");
      Process process = launch(dir, config, port, log);
      PrometheusServer server =
          new PrometheusServer(process, URI.create("http://127.0.0.1:" + port), log);
      await("Prometheus ready on port " + port)
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(200))
          .until(() -> !process.isAlive() || server.readyItself());
      if (process.isAlive()) {
        return server;
      }
      last = new IOException("Prometheus exited at start:\n" + server.log());
    }
    throw last;
  }

  static String config(String target, Path rules) {
    return String.join(
        "\n",
        "global:",
        "  scrape_interval: 1s",
        "  scrape_timeout: 1s",
        "  evaluation_interval: 1s",
        "rule_files:",
        "  - \"" + rules.toAbsolutePath() + "\"",
        "scrape_configs:",
        "  - job_name: " + JOB,
        "    static_configs:",
        "      - targets: [\"" + target + "\"]",
        "");
  }

  private static Process launch(Path dir, Path config, int port, Path log) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(EXECUTABLE);
    command.add("--config.file=" + config);
    command.add("--storage.tsdb.path=" + dir.resolve("data"));
    command.add("--web.listen-address=127.0.0.1:" + port);
    try {
      return new ProcessBuilder(command)
          .directory(dir.toFile())
          .redirectErrorStream(true)
          .redirectOutput(log.toFile())
          .start();
    } catch (IOException e) {
      throw new IOException(
          "cannot run "
              + EXECUTABLE
              + ": install Debian's prometheus package"
              + " (scripts/install-deps.sh --tests)",
          e);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  /**
   * Ready by Prometheus's own log line first: a process that took the port in between would answer
   * {@code /-/ready} too.
   */
  private boolean readyItself() {
    return Files.exists(log)
        && log().contains("Server is ready to receive web requests")
        && ready();
  }

  private boolean ready() {
    try {
      return get("/-/ready").statusCode() == 200;
    } catch (IOException e) {
      return false;
    }
  }

  public URI baseUri() {
    return base;
  }

  /** Everything Prometheus logged so far. */
  public String log() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * {@code GET /api/v1/query?query=PROMQL} at the current time: the whole response ({@code status},
   * {@code data.result}, {@code error}), whatever its HTTP status (a bad query is a 400 with an
   * error body).
   */
  public JsonNode query(String promql) throws IOException {
    return getJson("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
  }

  /** {@code data.alerts} of {@code /api/v1/alerts}: every pending and firing alert. */
  public JsonNode alerts() throws IOException {
    return getJson("/api/v1/alerts").path("data").path("alerts");
  }

  /** {@code data.groups} of {@code /api/v1/rules}: each rule with its health and last error. */
  public JsonNode ruleGroups() throws IOException {
    return getJson("/api/v1/rules").path("data").path("groups");
  }

  /** {@code data} of {@code /api/v1/label/NAME/values?match[]=SELECTOR}. */
  public JsonNode labelValues(String label, String selector) throws IOException {
    return getJson(
            "/api/v1/label/"
                + label
                + "/values?match[]="
                + URLEncoder.encode(selector, StandardCharsets.UTF_8))
        .path("data");
  }

  public JsonNode getJson(String pathAndQuery) throws IOException {
    return JSON.readTree(get(pathAndQuery).body());
  }

  private HttpResponse<String> get(String pathAndQuery) throws IOException {
    HttpRequest request =
        HttpRequest.newBuilder(base.resolve(pathAndQuery)).timeout(Duration.ofSeconds(10)).build();
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
