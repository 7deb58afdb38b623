package io.camerabridge.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camerabridge.analyzers.AnalyzerPool;
import io.camerabridge.analyzers.AnalyzerState;
import io.camerabridge.analyzers.InstanceStatus;
import io.camerabridge.config.CameraConfig;
import io.camerabridge.config.ConfigLoader;
import io.camerabridge.config.yaml.CameraYaml;
import io.camerabridge.config.yaml.ConfigYaml;
import io.camerabridge.metrics.BridgeMetrics;
import io.camerabridge.pekat.netty.ClientResources;
import io.camerabridge.testing.ReservedPort;
import io.camerabridge.tools.sim.Endpoint;
import io.camerabridge.tools.sim.Fault;
import io.camerabridge.tools.sim.Latency;
import io.camerabridge.tools.sim.PekatSimulator;
import io.camerabridge.tools.sim.RequestRecord;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One camera, several PEKAT instances (issue #18): real servers on loopback — the simulator and a
 * small Python HTTP server that is not ours — and the real frame path from dispatch to journal.
 */
class SeveralAnalyzersIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String WARMUP = "camera-bridge/warm-up";
  private static final int W = 64;
  private static final int H = 48;

  @TempDir Path dir;

  private final BridgeMetrics metrics = new BridgeMetrics();
  private final ClientResources resources = ClientResources.create(1);
  private final ExecutorService results = Executors.newSingleThreadExecutor();
  private final FrameFeeder feeder = new FrameFeeder(W, H);
  private final List<AutoCloseable> servers = new ArrayList<>();
  private PipelineParts parts;

  @AfterEach
  void close() throws Exception {
    if (parts != null) {
      parts.analyzers().close(Duration.ofSeconds(2));
      parts.closeResults(Duration.ofSeconds(5));
    }
    for (AutoCloseable s : servers) {
      s.close();
    }
    results.shutdown();
    resources.close();
    metrics.close();
  }

  @Test
  void framesSpreadOverTheSimulatorAndAPythonServerAfterEachOnesWarmUp() throws Exception {
    PekatSimulator a = sim(0);
    PekatSimulator b = sim(0);
    // Its first two analyses fail as a model that is still loading: /ping already answers.
    PythonPekat py = python("--latency-ms", "20", "--loading", "2");
    parts = parts("busyWait: 1s", a.baseUri(), b.baseUri(), py.url());
    assertThat(parts.analyzers().awaitReady(3, Duration.ofSeconds(20))).isTrue();

    for (int i = 1; i <= 30; i++) {
      sendFrame(i);
    }
    awaitAllGivenBack();
    await().atMost(Duration.ofSeconds(10)).until(() -> parts.stats().snapshot().ok() == 30);

    // Each server's first analysis is the warm-up; the Python one got frames only after its
    // third warm-up (the first two answered 503).
    for (PekatSimulator s : List.of(a, b)) {
      List<String> data = analyzeData(s);
      assertThat(data.get(0)).isEqualTo(WARMUP);
      assertThat(data.subList(1, data.size())).isNotEmpty().doesNotContain(WARMUP);
    }
    // The stub prints each request before it answers, but this JVM reads its output on another
    // thread, which may lag behind the answers on a loaded host: wait until all of it is read.
    int simFrames = analyzeData(a).size() - 1 + analyzeData(b).size() - 1;
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(py.analyzeData().size() - 3 + simFrames).isEqualTo(30));
    List<String> pyData = py.analyzeData();
    assertThat(pyData.subList(0, 3)).containsOnly(WARMUP);
    assertThat(pyData.subList(3, pyData.size())).isNotEmpty().doesNotContain(WARMUP);

    // The warm-ups are not parts: the journal holds exactly the 30 frames.
    parts.closeResults(Duration.ofSeconds(5));
    List<JsonNode> journal = journal();
    assertThat(journal).hasSize(30);
    assertThat(journal).allSatisfy(r -> assertThat(r.get("outcome").asText()).isEqualTo("ok"));
    // Each record names the instance that answered, and every instance answered some.
    List<String> named = journal.stream().map(r -> r.get("analyzer").asText()).toList();
    assertThat(named)
        .containsOnly(hostPort(a.baseUri()), hostPort(b.baseUri()), hostPort(py.url()))
        .contains(hostPort(a.baseUri()), hostPort(b.baseUri()), hostPort(py.url()));
  }

  @Test
  void aHungAnalyzerIsTakenOutAndNothingAnalysedGrowsWhileFramesArrive() throws Exception {
    PekatSimulator a = sim(0);
    parts = parts("busyWait: 0", a.baseUri());
    assertThat(parts.analyzers().awaitReady(1, Duration.ofSeconds(20))).isTrue();
    sendFrame(1);
    await().atMost(Duration.ofSeconds(10)).until(() -> parts.stats().snapshot().ok() == 1);
    awaitAllGivenBack();
    assertThat(parts.analyzers().unanalysedNanos()).as("answered: nothing pending").isZero();

    a.setFault(Fault.HANG);
    int frame = 1;
    // Each hung request times out (timeout 2s here); after three the instance is out.
    while (parts.analyzers().reachable()) {
      sendFrame(++frame);
      awaitAllGivenBack();
    }
    // The results thread counts the third failure just after the pool takes the instance out.
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> parts.stats().snapshot().failed() == AnalyzerPool.FAILURES_TO_EJECT);
    long stalled = parts.analyzers().unanalysedNanos();
    sendFrame(++frame);
    assertThat(dropped("analyzer_down")).isEqualTo(1);
    assertThat(parts.analyzers().unanalysedNanos()).isGreaterThan(stalled);
    parts.analyzers().bindMeters(metrics.registry());
    // Out of service: down, or warming when its /ping (which a hang does not stop) already
    // answered and the warm-up frame hangs too; never ready.
    assertThat(stateGauge(a, "ready")).isZero();
    assertThat(stateGauge(a, "down") + stateGauge(a, "warming")).isEqualTo(1);
    assertThat(
            metrics
                .registry()
                .get("camerabridge.analyzer.failures")
                .tags("analyzer", hostPort(a.baseUri()))
                .functionCounter()
                .count())
        .isEqualTo(AnalyzerPool.FAILURES_TO_EJECT);
  }

  private double stateGauge(PekatSimulator sim, String state) {
    return metrics
        .registry()
        .get("camerabridge.analyzer.state")
        .tags("analyzer", hostPort(sim.baseUri()), "state", state)
        .gauge()
        .value();
  }

  private static String hostPort(Object url) {
    java.net.URI u = java.net.URI.create(url.toString());
    return u.getHost() + ":" + u.getPort();
  }

  private double dropped(String reason) {
    return FrameFeeder.dropped(metrics.registry(), reason);
  }

  @Test
  void anInstanceKilledAndRestartedIsTakenOutThenReadmittedAfterItsWarmUp() throws Exception {
    PekatSimulator a = sim(0);
    PekatSimulator b = sim(0);
    int portB = b.port();
    parts = parts("busyWait: 1s", a.baseUri(), b.baseUri());
    assertThat(parts.analyzers().awaitReady(2, Duration.ofSeconds(20))).isTrue();

    b.close();
    servers.remove(b);
    try (ReservedPort hold = ReservedPort.hold(portB)) {
      int frame = 0;
      // Frames keep flowing; the one that finds B refused takes B out, the rest go to A.
      while (state(portB) != AnalyzerState.DOWN) {
        sendFrame(++frame);
        awaitAllGivenBack();
      }
      // Every frame sent so far has its result counted before the ten are, so none of these
      // earlier ones can land in the ten's count.
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> parts.stats().snapshot().results() == parts.stats().snapshot().sent());
      long okBefore = parts.stats().snapshot().ok();
      for (int i = 0; i < 10; i++) {
        sendFrame(++frame);
      }
      awaitAllGivenBack();
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> parts.stats().snapshot().ok() == okBefore + 10);
    }
    PekatSimulator b2 = sim(portB);
    await().atMost(Duration.ofSeconds(20)).until(() -> state(portB) == AnalyzerState.READY);
    for (int i = 0; i < 10; i++) {
      sendFrame(1000 + i);
    }
    awaitAllGivenBack();
    List<String> data = analyzeData(b2);
    assertThat(data).as("B's first analysis after its restart is the warm-up").startsWith(WARMUP);
    assertThat(data.subList(1, data.size())).isNotEmpty().doesNotContain(WARMUP);
    assertThat(parts.leases().outstanding()).isZero();
  }

  @Test
  void aFrameWhoseInstanceFailsMidRequestIsNotResentByDefault() throws Exception {
    PekatSimulator a = sim(0);
    PekatSimulator b = sim(0);
    parts = parts("busyWait: 1s", a.baseUri(), b.baseUri());
    assertThat(parts.analyzers().awaitReady(2, Duration.ofSeconds(20))).isTrue();
    a.injectFault(Fault.CLOSE_BEFORE_RESPONSE, 1);
    b.injectFault(Fault.CLOSE_BEFORE_RESPONSE, 1);
    sendFrame(1);
    awaitAllGivenBack();
    await().atMost(Duration.ofSeconds(10)).until(() -> parts.stats().snapshot().results() == 1);
    assertThat(parts.stats().snapshot().failed()).isEqualTo(1);
    assertThat(parts.analyzers().failovers(false)).isEqualTo(1);
    assertThat(parts.analyzers().failovers(true)).isZero();
    assertThat(
            a.stats().count(Endpoint.ANALYZE_RAW_IMAGE)
                + b.stats().count(Endpoint.ANALYZE_RAW_IMAGE))
        .as("two warm-ups and the one frame, sent once")
        .isEqualTo(3);
  }

  @Test
  void retryOnOtherInstanceResendsTheFrameOnceToTheOtherInstance() throws Exception {
    PekatSimulator a = sim(0);
    PekatSimulator b = sim(0);
    parts = parts("busyWait: 1s\nretryOnOtherInstance: true", a.baseUri(), b.baseUri());
    assertThat(parts.analyzers().awaitReady(2, Duration.ofSeconds(20))).isTrue();
    // Whichever instance gets the frame closes on it; the other one answers.
    a.injectFault(Fault.CLOSE_BEFORE_RESPONSE, 1);
    b.injectFault(Fault.CLOSE_BEFORE_RESPONSE, 1);
    sendFrame(1);
    awaitAllGivenBack();
    await().atMost(Duration.ofSeconds(10)).until(() -> parts.stats().snapshot().results() == 1);
    // The second attempt met the other instance's fault too: resent once, never a third time.
    assertThat(parts.analyzers().failovers(true)).isEqualTo(1);
    assertThat(
            a.stats().count(Endpoint.ANALYZE_RAW_IMAGE)
                + b.stats().count(Endpoint.ANALYZE_RAW_IMAGE))
        .isEqualTo(4);
    sendFrame(2);
    awaitAllGivenBack();
    await().atMost(Duration.ofSeconds(10)).until(() -> parts.stats().snapshot().ok() == 1);
    a.injectFault(Fault.CLOSE_BEFORE_RESPONSE, 1);
    // Now only one of them fails: frames that hit it are answered by the other one.
    for (int i = 3; i <= 6; i++) {
      sendFrame(i);
      awaitAllGivenBack();
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> parts.stats().snapshot().ok() == 5);
    assertThat(parts.analyzers().failovers(true)).isEqualTo(2);
    assertThat(parts.leases().outstanding()).isZero();
  }

  // ---- helpers --------------------------------------------------------------------------------

  private AnalyzerState state(int port) {
    return parts.analyzers().status().stream()
        .filter(s -> s.analyzer().endsWith(":" + port))
        .map(InstanceStatus::state)
        .findFirst()
        .orElseThrow();
  }

  private PekatSimulator sim(int port) {
    PekatSimulator s =
        PekatSimulator.builder()
            .port(port)
            .lanes(1)
            .latency(Latency.fixed(Duration.ofMillis(20)))
            .build()
            .start();
    servers.add(s);
    return s;
  }

  private static List<String> analyzeData(PekatSimulator s) {
    return s.stats().recent().stream()
        .filter(r -> r.endpoint() == Endpoint.ANALYZE_RAW_IMAGE)
        .map(RequestRecord::query)
        .map(q -> q.getOrDefault("data", "-"))
        .toList();
  }

  private PipelineParts parts(String pekatOptions, Object... urls) throws Exception {
    List<String> list = new ArrayList<>();
    for (Object u : urls) {
      list.add(u.toString());
    }
    String yaml =
        ConfigYaml.create()
            .camera(
                CameraYaml.of("cam", "none")
                    .pixelFormat("Mono8")
                    .size(W, H)
                    .yaml("pekat", "urls: " + JSON.writeValueAsString(list))
                    .yaml("pekat", pekatOptions)
                    .pekat("timeout", "2s")
                    .pekat("connectTimeout", "500ms")
                    .journal(dir.resolve("cam.jsonl")))
            .toYaml();
    CameraConfig camera = new ConfigLoader(Map.of()).parse("test.yaml", yaml).cameras().get(0);
    return PipelineParts.create(camera, resources, metrics.forCamera("cam"), results);
  }

  private void sendFrame(int id) {
    feeder.send(parts, id);
  }

  private void awaitAllGivenBack() {
    feeder.awaitAllGivenBack(parts);
  }

  private List<JsonNode> journal() throws IOException {
    List<JsonNode> out = new ArrayList<>();
    for (String line : Files.readAllLines(dir.resolve("cam.jsonl"))) {
      out.add(JSON.readTree(line));
    }
    return out;
  }

  private PythonPekat python(String... options) throws IOException, URISyntaxException {
    PythonPekat p = new PythonPekat(options);
    servers.add(p);
    return p;
  }

  /** src/test/resources/analyzers/pekat_stub.py under /usr/bin/python3. */
  private static final class PythonPekat implements AutoCloseable {
    private final Process process;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final int port;

    PythonPekat(String... options) throws IOException, URISyntaxException {
      Path script =
          Path.of(SeveralAnalyzersIT.class.getResource("/analyzers/pekat_stub.py").toURI());
      List<String> command = new ArrayList<>(List.of("/usr/bin/python3", script.toString()));
      command.addAll(List.of(options));
      process = new ProcessBuilder(command).redirectErrorStream(true).start();
      BufferedReader out =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      String first = out.readLine();
      assertThat(first).as("the stub's first line").startsWith("PORT ");
      port = Integer.parseInt(first.substring(5).trim());
      Thread reader =
          new Thread(
              () -> {
                try {
                  for (String l; (l = out.readLine()) != null; ) {
                    lines.add(l);
                  }
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              },
              "pekat-stub-out");
      reader.setDaemon(true);
      reader.start();
    }

    String url() {
      return "http://127.0.0.1:" + port;
    }

    List<String> analyzeData() {
      return lines.stream()
          .filter(l -> l.startsWith("REQUEST /analyze_raw_image "))
          .map(l -> l.split(" ")[2])
          .toList();
    }

    @Override
    public void close() throws InterruptedException {
      process.destroy();
      process.waitFor();
    }
  }
}
