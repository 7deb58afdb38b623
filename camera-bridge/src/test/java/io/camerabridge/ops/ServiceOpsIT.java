package io.camerabridge.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.camerabridge.bindings.aravis.fake.FakeGvCameraProcess;
import io.camerabridge.ops.chart.ChartFixtures;
import io.camerabridge.tools.sim.PekatSimulator;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped jar's {@code run} as systemd runs it: with {@code NOTIFY_SOCKET} and {@code
 * WATCHDOG_USEC} set, a fake GigE camera and the PEKAT simulator. Proves READY, STATUS, WATCHDOG
 * and STOPPING on a real notification socket, {@code /health}, {@code /ready} and {@code /metrics}
 * over HTTP, the journald log format, and the exit status of a SIGTERM stop.
 */
class ServiceOpsIT {

  @TempDir Path tmp;

  @Test
  void runNotifiesSystemdServesStatusAndStopsCleanly() throws Exception {
    String jar = System.getProperty("camerabridge.jar");
    assertThat(jar).as("system property camerabridge.jar (set by Failsafe)").isNotBlank();
    try (FakeGvCameraProcess camera = FakeGvCameraProcess.start();
        PekatSimulator pekat = PekatSimulator.builder().port(0).build().start();
        NotifySocket notify = new NotifySocket(tmp)) {
      Path config = tmp.resolve("camera-bridge.yaml");
      Files.writeString(
          config, ServiceProcess.config(camera.deviceId(), pekat.baseUri(), 640, 480, 20));
      try (ServiceProcess service =
          ServiceProcess.start(
              jar,
              config,
              Map.of(
                  "NOTIFY_SOCKET", notify.path(),
                  "WATCHDOG_USEC", "2000000",
                  "CAMERA_BRIDGE_LOG_FORMAT", "plain"),
              tmp.resolve("service.log"))) {
        Process process = service.process();

        await("READY=1, then WATCHDOG=1 while frames flow")
            .atMost(Duration.ofSeconds(60))
            .until(() -> notify.messages().contains("WATCHDOG=1") || !process.isAlive());
        assertThat(process.isAlive()).as(service.log()).isTrue();
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

        assertThat(service.statusBase()).as("the log names the metrics address").isNotNull();
        HttpResponse<String> health = service.get("/health");
        assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
        assertThat(health.body()).contains("\"state\" : \"streaming\"");
        assertThat(service.get("/ready").statusCode()).isEqualTo(200);
        await("frames are analysed and counted")
            .atMost(Duration.ofSeconds(60))
            .until(() -> answered(service.get("/metrics").body()) > 0);
        String metrics = service.get("/metrics").body();
        assertThat(metrics)
            .contains("camerabridge_frames_acquired_total{camera=\"top\"}")
            .contains("camerabridge_camera_connected{camera=\"top\"} 1")
            .containsPattern(
                "camerabridge_frame_end_to_end_seconds_bucket\\{camera=\"top\",outcome=\"(ok|ng)\"")
            .contains("camerabridge_frame_size_bytes_count{camera=\"top\"}");
        renderChartFromScrapes(service);

        process.destroy(); // SIGTERM, as systemctl stop
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("stops within 60 s").isTrue();
        assertThat(process.exitValue()).as(service.log()).isIn(0, 143);
        await("STOPPING=1 arrives")
            .atMost(Duration.ofSeconds(10))
            .until(() -> notify.messages().contains("STOPPING=1"));
        List<String> all = notify.messages();
        assertThat(all).filteredOn("READY=1"::equals).hasSize(1);
        assertThat(all.indexOf("STOPPING=1")).isGreaterThan(all.lastIndexOf("READY=1"));

        // GLib's own messages (Aravis warnings) are written by native code, without a prefix.
        List<String> lines =
            service.log().lines().filter(l -> !l.isBlank() && !l.startsWith("(")).toList();
        assertThat(lines)
            .as("journald format: every line of camera-bridge's starts with a <N> priority")
            .isNotEmpty()
            .allMatch(l -> l.matches("^<[3-7]>.*"));
        assertThat(lines)
            .anyMatch(l -> l.startsWith("<6>INFO ") && l.contains("camera-bridge started"));
      }
    }
  }

  /** The dashboard chart renders from real scrapes (docs/dashboard.png is made the same way). */
  private void renderChartFromScrapes(ServiceProcess service) throws Exception {
    List<String> scrapes = new ArrayList<>();
    await("eight scrapes, one a second")
        .pollInterval(Duration.ofSeconds(1))
        .atMost(Duration.ofSeconds(60))
        .until(
            () -> {
              scrapes.add(service.get("/metrics").body());
              return scrapes.size() >= 8;
            });
    Path png = tmp.resolve("dashboard.png");
    ChartFixtures.renderOneSecondApart(scrapes, png);
    assertThat(javax.imageio.ImageIO.read(png.toFile()).getWidth()).isPositive();
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
}
