package io.camerabridge.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.camerabridge.bindings.aravis.fake.FakeGvCameraProcess;
import io.camerabridge.metrics.GrafanaDashboard;
import io.camerabridge.metrics.PrometheusRules;
import io.camerabridge.metrics.PrometheusRules.Rule;
import io.camerabridge.metrics.PrometheusServer;
import io.camerabridge.ops.CameraState;
import io.camerabridge.pipeline.CameraPipeline;
import io.camerabridge.tools.sim.Fault;
import io.camerabridge.tools.sim.Latency;
import io.camerabridge.tools.sim.PekatSimulator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Prometheus scrapes the running service (a fake GigE camera losing packets, the PEKAT
 * simulator answering slowly, a journal that cannot be written, and a second camera) with the
 * shipped rules loaded, their {@code for:} windows cut to one second in a copy. Every dashboard
 * query and every rule evaluates through Prometheus's HTTP API with data; then the second camera
 * freezes, the analyzer fails and goes away, the first camera dies and comes back three times, the
 * service stops, and each fault's alert fires in {@code /api/v1/alerts}.
 */
class PrometheusIT {
  private static final Logger LOG = LoggerFactory.getLogger(PrometheusIT.class);

  private static final String CAMERA = "prom";

  /** A second camera, frozen mid-stream to bring the watchdog's frame limit close. */
  private static final String IDLE = "idle";

  /** Slower than the frame period (busy drops) and above the slow-analyzer alert's 1 s. */
  private static final Duration ANALYSIS = Duration.ofMillis(1200);

  /** Grafana's {@code $__rate_interval} for a 1 s scrape interval over a short time range. */
  private static final String RATE_INTERVAL = "10s";

  private static final Duration PHASE = Duration.ofSeconds(90);

  /**
   * Panels that hide zero series ({@code ... > 0}) and have nothing to show in this run's first
   * phase: the analyzer answers every exchange until the test makes it fail.
   */
  private static final Set<String> ZERO_IN_FIRST_PHASE =
      Set.of("panel 'Failed exchange share by outcome' A");

  private static final Pattern RECORDED = Pattern.compile("[a-z_]+:[a-z0-9_]+:[a-z0-9_]+");

  @TempDir Path dir;

  @Test
  void dashboardAndRulesEvaluateWithDataAndFaultsFireTheirAlerts() throws Exception {
    Path rules = dir.resolve("camera-bridge.rules.yml");
    PrometheusRules.writeWithFor(rules, "1s");
    Path blocker = Files.writeString(dir.resolve("blocker"), "a file where a directory should be");
    String serial = BridgeHarness.serial("PROM");
    List<FakeGvCameraProcess> cameras = new ArrayList<>();
    try (PekatSimulator sim =
        FaultRig.simulator().latency(Latency.fixed(ANALYSIS)).build().start()) {
      FakeGvCameraProcess lossy =
          start(cameras, FakeGvCameraProcess.builder().serial(serial).lostPacketsPerThousand(3));
      FakeGvCameraProcess idle = start(cameras, FakeGvCameraProcess.builder());
      try (BridgeHarness h = BridgeHarness.start(dir, config(lossy, idle, sim, blocker));
          PrometheusServer prometheus =
              PrometheusServer.start(
                  dir, Bridge.hostPort(h.bridge.statusAddress().orElseThrow()), rules)) {
        long start = System.nanoTime();

        // Packet loss, busy drops, a slow analyzer and a failing journal, all at once.
        await("every dashboard query and rule evaluates with data")
            .atMost(PHASE)
            .pollInterval(Duration.ofSeconds(2))
            .untilAsserted(
                () -> {
                  Set<String> zero = new TreeSet<>();
                  assertThat(evaluationProblems(prometheus, zero)).isEmpty();
                  assertThat(zero)
                      .as("panels with only zero series")
                      .isEqualTo(ZERO_IN_FIRST_PHASE);
                });
        assertThat(prometheus.labelValues("camera", cameraVariableSelector()))
            .as("the dashboard's camera variable")
            .extracting(JsonNode::asText)
            .contains(CAMERA, IDLE);
        awaitFiring(prometheus, "CameraBridgeFramesIncomplete", CAMERA, Map.of());
        awaitFiring(
            prometheus, "CameraBridgeFramesDroppedBusy", CAMERA, Map.of("reason", "analyzer_busy"));
        awaitFiring(prometheus, "CameraBridgeAnalyzerSlow", CAMERA, Map.of());
        awaitFiring(prometheus, "CameraBridgeWriteFailures", CAMERA, Map.of("target", "journal"));
        assertThat(firing(prometheus))
            .as("nothing is down yet")
            .doesNotContain(
                "CameraBridgeCameraNotStreaming",
                "CameraBridgeAnalyzerDown",
                "CameraBridgeWatchdogNearLimit",
                "CameraBridgeCameraReconnecting",
                "CameraBridgeScrapeDown");
        LOG.info("data and the first alerts after {} ms", millisSince(start));

        // Frozen, as if its cable were pulled; its frameTimeout is longer than the watchdog's 30 s.
        idle.pause();

        sim.setLatency(Latency.NONE);
        sim.setFault(Fault.HTTP_500);
        awaitFiring(
            prometheus, "CameraBridgeAnalyzerFailing", CAMERA, Map.of("outcome", "http_error"));

        sim.setFault(Fault.REFUSE_CONNECTIONS);
        awaitFiring(prometheus, "CameraBridgeAnalyzerDown", CAMERA, Map.of());

        lossy.kill();
        awaitFiring(prometheus, "CameraBridgeCameraNotStreaming", CAMERA, Map.of());
        for (int reconnect = 1; reconnect <= 3; reconnect++) {
          lossy = restart(h, cameras, lossy, serial, reconnect);
        }
        awaitFiring(prometheus, "CameraBridgeCameraReconnecting", CAMERA, Map.of());

        awaitFiring(prometheus, "CameraBridgeWatchdogNearLimit", IDLE, Map.of());
        idle.resume(); // so that stopping does not wait for a frozen camera's time-outs

        h.close();
        awaitFiring(prometheus, "CameraBridgeScrapeDown", null, Map.of());
        LOG.info("every fault's alert fired {} ms after the start", millisSince(start));
        assertThat(prometheus.log()).doesNotContain("level=error");
      }
    } finally {
      cameras.forEach(FakeGvCameraProcess::close);
    }
  }

  private static FakeGvCameraProcess start(
      List<FakeGvCameraProcess> cameras, FakeGvCameraProcess.Builder builder) throws IOException {
    FakeGvCameraProcess camera = builder.start();
    cameras.add(camera);
    return camera;
  }

  /**
   * Brings the lossy camera back (killing it first unless it is dead already) and waits until the
   * service has reopened it for the {@code reconnect}th time; returns the new camera process.
   */
  private static FakeGvCameraProcess restart(
      BridgeHarness h,
      List<FakeGvCameraProcess> cameras,
      FakeGvCameraProcess camera,
      String serial,
      int reconnect)
      throws IOException {
    if (camera.isAlive()) {
      camera.kill();
    }
    await("camera seen lost")
        .atMost(PHASE)
        .until(() -> pipeline(h).state() == CameraState.RECONNECTING);
    camera.close();
    FakeGvCameraProcess back = start(cameras, FakeGvCameraProcess.builder().serial(serial));
    await("reconnect " + reconnect)
        .atMost(PHASE)
        .until(() -> pipeline(h).stats().snapshot().reconnects() >= reconnect);
    return back;
  }

  private static CameraPipeline pipeline(BridgeHarness h) {
    return h.bridge.pipelines().stream().filter(p -> p.id().equals(CAMERA)).findFirst().get();
  }

  private String config(
      FakeGvCameraProcess lossy, FakeGvCameraProcess idle, PekatSimulator sim, Path blocker) {
    return FaultRig.config(
        FaultRig.camera(
            CAMERA,
            lossy.deviceId(),
            sim.baseUri(),
            dir,
            10,
            List.of("timeout: 5s"),
            List.of(
                "frameTimeout: 3s",
                "gige: { packetSocket: false, packetResend: false }",
                "results:",
                "  journal: \"" + blocker.resolve(CAMERA + ".jsonl") + "\"")),
        FaultRig.camera(
            IDLE, idle.deviceId(), sim.baseUri(), dir, 2, List.of(), List.of("frameTimeout: 5m")));
  }

  /**
   * What does not evaluate yet: a dashboard query or recorded series that errors or has no finite
   * value, an alert expression that errors, a rule whose health is not {@code ok}. A panel query
   * that hides zero series ({@code ... > 0}) and shows nothing is added to {@code zero} instead, if
   * its series are there, all zero.
   */
  private static List<String> evaluationProblems(PrometheusServer prometheus, Set<String> zero)
      throws IOException {
    List<String> problems = new ArrayList<>();
    for (GrafanaDashboard.Query q : GrafanaDashboard.queries()) {
      String what = "panel '" + q.panel() + "' " + q.refId();
      String expr = GrafanaDashboard.resolve(q.expr(), CAMERA, RATE_INTERVAL, "5m");
      if (expr.endsWith(" > 0") && !hasFiniteValue(prometheus.query(expr))) {
        String unfiltered = expr.substring(0, expr.length() - " > 0".length());
        if (hasFiniteValue(prometheus.query(unfiltered))) {
          zero.add(what);
          continue;
        }
      }
      check(prometheus, what, expr, true, problems);
    }
    for (Rule rule : PrometheusRules.all()) {
      // An alert's expression has data only while it fires; it must evaluate without an error.
      check(prometheus, rule.name(), rule.expr(), !rule.isAlert(), problems);
      if (!rule.isAlert()) {
        check(prometheus, "recorded " + rule.record(), rule.record(), true, problems);
      }
    }
    for (JsonNode group : prometheus.ruleGroups()) {
      for (JsonNode rule : group.path("rules")) {
        if (!rule.path("health").asText().equals("ok")) {
          problems.add(
              rule.path("name").asText()
                  + ": health "
                  + rule.path("health").asText()
                  + " "
                  + rule.path("lastError").asText());
        }
      }
    }
    return problems;
  }

  private static void check(
      PrometheusServer prometheus,
      String what,
      String expr,
      boolean wantData,
      List<String> problems)
      throws IOException {
    JsonNode response = prometheus.query(expr);
    if (!response.path("status").asText().equals("success")) {
      problems.add(what + ": " + response.path("error").asText() + " in " + expr);
      return;
    }
    if (!wantData) {
      return;
    }
    if (!hasFiniteValue(response)) {
      problems.add(what + ": no finite value from " + expr + " -> " + response.path("data"));
    }
  }

  private static boolean hasFiniteValue(JsonNode response) {
    boolean finite = false;
    for (JsonNode sample : response.path("data").path("result")) {
      String value = sample.path("value").path(1).asText();
      finite |= !value.equals("NaN") && !value.endsWith("Inf");
    }
    return finite;
  }

  private static String cameraVariableSelector() {
    Matcher m =
        Pattern.compile("label_values\\((.+), camera\\)")
            .matcher(GrafanaDashboard.cameraVariableQuery());
    assertThat(m.matches()).as(GrafanaDashboard.cameraVariableQuery()).isTrue();
    assertThat(RECORDED.matcher(m.group(1)).find())
        .as("a raw series, not a recorded one")
        .isFalse();
    return m.group(1);
  }

  /** Waits until {@code alert} fires with these labels; it must name the camera it is about. */
  private static void awaitFiring(
      PrometheusServer prometheus, String alert, String camera, Map<String, String> labels) {
    long start = System.nanoTime();
    AtomicReference<JsonNode> found = new AtomicReference<>();
    await(alert + " firing " + labels)
        .atMost(PHASE)
        .pollInterval(Duration.ofMillis(500))
        .until(
            () -> {
              found.set(find(prometheus, alert, camera, labels));
              return found.get() != null;
            });
    JsonNode fired = found.get();
    String summary = fired.path("annotations").path("summary").asText();
    String about = camera == null ? "127.0.0.1:" : camera;
    assertThat(summary).as("%s summary", alert).contains(about);
    assertThat(fired.path("labels").path("severity").asText()).isIn("critical", "warning");
    LOG.info("{} firing after {} ms: {}", alert, millisSince(start), summary);
  }

  /** The firing {@code alert} about {@code camera} (null: about the process) with these labels. */
  private static JsonNode find(
      PrometheusServer prometheus, String alert, String camera, Map<String, String> labels)
      throws IOException {
    for (JsonNode a : prometheus.alerts()) {
      JsonNode l = a.path("labels");
      boolean match =
          l.path("alertname").asText().equals(alert) && a.path("state").asText().equals("firing");
      match &= camera == null || l.path("camera").asText().equals(camera);
      for (Map.Entry<String, String> e : labels.entrySet()) {
        match &= l.path(e.getKey()).asText().equals(e.getValue());
      }
      if (match) {
        return a;
      }
    }
    return null;
  }

  private static List<String> firing(PrometheusServer prometheus) throws IOException {
    List<String> names = new ArrayList<>();
    for (JsonNode a : prometheus.alerts()) {
      if (a.path("state").asText().equals("firing")) {
        names.add(a.path("labels").path("alertname").asText());
      }
    }
    return names;
  }

  private static long millisSince(long nanos) {
    return (System.nanoTime() - nanos) / 1_000_000;
  }
}
