package io.camerabridge.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.camerabridge.bindings.aravis.fake.FakeGvCameraProcess;
import io.camerabridge.pekat.sim.PekatSimulator;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped jar's {@code run} as systemd runs it: with {@code NOTIFY_SOCKET} and {@code
 * WATCHDOG_USEC} set, a fake GigE camera and the PEKAT simulator. Proves READY, STATUS, WATCHDOG
 * and STOPPING on a real notification socket, {@code /health}, {@code /ready} and {@code /metrics}
 * over HTTP, the journald log format, and the exit status of a SIGTERM stop.
 */
class ServiceOpsIT {

  private static final Pattern METRICS_URL =
      Pattern.compile("metrics at (http://[0-9.:\\[\\]]+)/metrics");

  @TempDir Path tmp;
  private Process service;

  @AfterEach
  void killService() {
    if (service != null) {
      service.destroyForcibly();
    }
  }

  @Test
  void runNotifiesSystemdServesStatusAndStopsCleanly() throws Exception {
    try (FakeGvCameraProcess camera = FakeGvCameraProcess.start();
        PekatSimulator pekat = PekatSimulator.builder().port(0).build().start();
        NotifySocket notify = new NotifySocket(tmp)) {
      Path config = tmp.resolve("camera-bridge.yaml");
      Files.writeString(config, config(camera.deviceId(), pekat.baseUri()));
      Path log = tmp.resolve("service.log");
      service = start(config, notify.path(), log);

      await("READY=1, then WATCHDOG=1 while frames flow")
          .atMost(Duration.ofSeconds(60))
          .until(() -> notify.messages().contains("WATCHDOG=1") || !service.isAlive());
      assertThat(service.isAlive()).as(Files.readString(log)).isTrue();
      List<String> started = notify.messages();
      assertThat(started.indexOf("READY=1"))
          .as("READY=1 comes before the first keep-alive: %s", started)
          .isNotNegative()
          .isLessThan(started.indexOf("WATCHDOG=1"));
      await("STATUS shows the camera streaming")
          .atMost(Duration.ofSeconds(60))
          .until(
              () ->
                  notify.messages().stream()
                      .anyMatch(m -> m.startsWith("STATUS=top: streaming, last frame ")));

      URI base = metricsBase(log);
      HttpClient http = HttpClient.newHttpClient();
      HttpResponse<String> health = get(http, base.resolve("/health"));
      assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
      assertThat(health.body()).contains("\"state\" : \"streaming\"");
      assertThat(get(http, base.resolve("/ready")).statusCode()).isEqualTo(200);
      await("frames are analysed and counted")
          .atMost(Duration.ofSeconds(60))
          .until(() -> answered(get(http, base.resolve("/metrics")).body()) > 0);
      String metrics = get(http, base.resolve("/metrics")).body();
      assertThat(metrics)
          .contains("camerabridge_frames_acquired_total{camera=\"top\"}")
          .contains("camerabridge_camera_connected{camera=\"top\"} 1")
          .containsPattern(
              "camerabridge_frame_end_to_end_seconds_bucket\\{camera=\"top\",outcome=\"(ok|ng)\"")
          .contains("camerabridge_frame_size_bytes_count{camera=\"top\"}");

      service.destroy(); // SIGTERM, as systemctl stop
      assertThat(service.waitFor(60, TimeUnit.SECONDS)).as("stops within 60 s").isTrue();
      assertThat(service.exitValue()).as(Files.readString(log)).isIn(0, 143);
      await("STOPPING=1 arrives")
          .atMost(Duration.ofSeconds(10))
          .until(() -> notify.messages().contains("STOPPING=1"));
      List<String> all = notify.messages();
      assertThat(all).filteredOn("READY=1"::equals).hasSize(1);
      assertThat(all.indexOf("STOPPING=1")).isGreaterThan(all.lastIndexOf("READY=1"));

      List<String> lines = Files.readAllLines(log);
      assertThat(lines)
          .as("journald format: every line starts with a <N> priority")
          .isNotEmpty()
          .allMatch(l -> l.matches("^<[3-7]>.*"));
      assertThat(lines)
          .anyMatch(l -> l.startsWith("<6>INFO ") && l.contains("camera-bridge started"));
    }
  }

  /** Frames the analyzer answered with a verdict (the simulator's verdict depends on the image). */
  private static double answered(String metrics) {
    Matcher m =
        Pattern.compile("camerabridge_results_total\\{camera=\"top\",outcome=\"(ok|ng)\"} (\\S+)")
            .matcher(metrics);
    double sum = 0;
    while (m.find()) {
      sum += Double.parseDouble(m.group(2));
    }
    return sum;
  }

  private static URI metricsBase(Path log) throws IOException {
    Matcher m = METRICS_URL.matcher(Files.readString(log));
    assertThat(m.find()).as("the log names the metrics address").isTrue();
    return URI.create(m.group(1));
  }

  private static HttpResponse<String> get(HttpClient http, URI uri)
      throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
  }

  private Process start(Path config, String notifySocket, Path log) throws IOException {
    String jar = System.getProperty("camerabridge.jar");
    assertThat(jar).as("system property camerabridge.jar (set by Failsafe)").isNotBlank();
    ProcessBuilder builder =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                jar,
                "run",
                "--config",
                config.toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder.environment().put("NOTIFY_SOCKET", notifySocket);
    builder.environment().put("WATCHDOG_USEC", "2000000");
    builder.environment().remove("WATCHDOG_PID");
    builder.environment().put("CAMERA_BRIDGE_LOG_FORMAT", "plain");
    return builder.start();
  }

  private static String config(String device, URI pekat) {
    return String.format(
        Locale.ROOT,
        """
        metrics: { listen: "127.0.0.1:0" }
        shutdown: { drainTimeout: 2s }
        logging: { format: plain }
        cameras:
          - id: top
            device: "%s"
            pixelFormat: Mono8
            width: 640
            height: 480
            frameRate: 20
            buffers: 4
            pekat:
              url: "%s"
              responseType: context
              timeout: 5s
        """,
        device,
        pekat);
  }
}
