package io.camerabridge.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.camerabridge.analyzers.AnalyzerState;
import io.camerabridge.analyzers.FrameShape;
import io.camerabridge.config.CameraConfig;
import io.camerabridge.config.ConfigLoader;
import io.camerabridge.config.yaml.CameraYaml;
import io.camerabridge.config.yaml.ConfigYaml;
import io.camerabridge.metrics.BridgeMetrics;
import io.camerabridge.pekat.RawLayout;
import io.camerabridge.pekat.netty.ClientResources;
import io.camerabridge.testing.ReservedPort;
import io.camerabridge.tools.sim.Endpoint;
import io.camerabridge.tools.sim.Latency;
import io.camerabridge.tools.sim.PekatSimulator;
import io.camerabridge.tools.sim.RequestRecord;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * A single {@code pekat.url} is warmed up like one of several (issue #18): at start and after every
 * outage, one mid-grey frame of the camera's shape before any frame; frames before it is ready are
 * dropped as {@code analyzer_down}. Real simulator on loopback, real frame path.
 */
class SingleAnalyzerWarmUpIT {
  private static final String WARMUP = "camera-bridge/warm-up";
  private static final int W = 40;
  private static final int H = 30;
  private static final String VERSION = "3.19.2-sim";

  @TempDir Path dir;

  private final BridgeMetrics metrics = new BridgeMetrics();
  private final ClientResources resources = ClientResources.create(1);
  private final ExecutorService results = Executors.newSingleThreadExecutor();
  private final FrameFeeder feeder = new FrameFeeder(W, H);
  private final Logger recoveryLog =
      (Logger) LoggerFactory.getLogger("io.camerabridge.analyzers.Recovery");
  private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
  private PekatSimulator sim;
  private PipelineParts parts;

  @BeforeEach
  void attachLog() {
    logged.start();
    recoveryLog.addAppender(logged);
  }

  @AfterEach
  void close() {
    recoveryLog.detachAppender(logged);
    if (parts != null) {
      parts.analyzers().close(Duration.ofSeconds(2));
      parts.closeResults(Duration.ofSeconds(5));
    }
    if (sim != null) {
      sim.close();
    }
    results.shutdown();
    resources.close();
    metrics.close();
  }

  @Test
  void oneMidGreyWarmUpOfTheCamerasShapeComesBeforeTheFirstFrame() throws Exception {
    sim = sim(0);
    // No size in the configuration: the shape comes from the camera as it opens.
    parts = parts(sim.baseUri().toString());
    assertThat(parts.analyzers().awaitReady(1, Duration.ofMillis(300)))
        .as("no warm-up without a shape")
        .isFalse();
    parts.analyzers().cameraShape(new FrameShape(W, H, RawLayout.GRAY8));
    assertThat(parts.analyzers().awaitReady(1, Duration.ofSeconds(20))).isTrue();
    feeder.send(parts, 1);
    feeder.awaitAllGivenBack(parts);
    await().atMost(Duration.ofSeconds(10)).until(() -> parts.stats().snapshot().ok() == 1);

    List<RequestRecord> analyses = analyses(sim);
    assertThat(analyses).hasSize(2);
    RequestRecord warmUp = analyses.get(0);
    assertThat(warmUp.query())
        .containsEntry("data", WARMUP)
        .containsEntry("width", String.valueOf(W))
        .containsEntry("height", String.valueOf(H));
    assertThat(warmUp.crc32c()).hasValue(midGreyCrc());
    assertThat(analyses.get(1).query().get("data")).isNotEqualTo(WARMUP);
    assertThat(readyLines()).hasSize(1).allMatch(l -> l.contains("(PEKAT " + VERSION + ")"));
    assertThat(parts.stats().snapshot().results()).as("the warm-up is not a part").isEqualTo(1);
    // The simulator tells the warm-up from frames as the bridge marks it (the test kit relies on
    // it).
    assertThat(sim.stats().warmUps()).isEqualTo(1);
    assertThat(sim.stats().frames()).isEqualTo(1);
  }

  @Test
  void framesBeforeReadyAreDroppedAndAnOutageEndsWithAnotherWarmUp() throws Exception {
    int port;
    try (ReservedPort hold = ReservedPort.take()) {
      port = hold.port();
      parts = parts(hold.httpUrl());
      // Refused: the analyzer is not ready, each frame is dropped, counted and given back once.
      for (int i = 1; i <= 3; i++) {
        feeder.send(parts, i);
      }
      feeder.awaitAllGivenBack(parts);
      assertThat(FrameFeeder.dropped(metrics.registry(), "analyzer_down")).isEqualTo(3);
      assertThat(parts.stats().snapshot().sent()).isZero();
    }
    sim = sim(port);
    assertThat(parts.analyzers().awaitReady(1, Duration.ofSeconds(20))).isTrue();
    sendAndAwaitResult(4);
    assertThat(data(sim)).hasSize(2).startsWith(WARMUP).containsOnlyOnce(WARMUP);

    // Outage: the peer goes away; the frame that finds it refused takes it out.
    sim.close();
    try (ReservedPort hold = ReservedPort.hold(port)) {
      int frame = 4;
      while (state() != AnalyzerState.DOWN) {
        feeder.send(parts, ++frame);
        feeder.awaitAllGivenBack(parts);
      }
      double down = FrameFeeder.dropped(metrics.registry(), "analyzer_down");
      feeder.send(parts, ++frame);
      feeder.awaitAllGivenBack(parts);
      assertThat(FrameFeeder.dropped(metrics.registry(), "analyzer_down")).isEqualTo(down + 1);
    }
    sim = sim(port);
    await().atMost(Duration.ofSeconds(20)).until(() -> state() == AnalyzerState.READY);
    // One instance and busyWait 0: frame 101 would be dropped as busy if 100 were still waiting
    // for its answer, so each is sent only when the one before has its result.
    for (int id = 100; id <= 101; id++) {
      sendAndAwaitResult(id);
    }
    assertThat(data(sim))
        .as("warmed up again before frames flow")
        .hasSize(3)
        .startsWith(WARMUP)
        .containsOnlyOnce(WARMUP);
    assertThat(readyLines()).hasSize(2);
    assertThat(parts.leases().outstanding()).isZero();
  }

  // ---- helpers --------------------------------------------------------------------------------

  /** Sends a frame to a ready instance and waits for its result, so the analyzer has seen it. */
  private void sendAndAwaitResult(int id) {
    long before = parts.stats().snapshot().results();
    feeder.send(parts, id);
    feeder.awaitAllGivenBack(parts);
    await().atMost(Duration.ofSeconds(10)).until(() -> parts.stats().snapshot().results() > before);
  }

  private AnalyzerState state() {
    return parts.analyzers().status().get(0).state();
  }

  private List<String> readyLines() {
    return logged.list.stream()
        .map(ILoggingEvent::getFormattedMessage)
        .filter(m -> m.contains(" ready (PEKAT "))
        .toList();
  }

  private static long midGreyCrc() {
    byte[] grey = new byte[W * H];
    Arrays.fill(grey, (byte) 0x80);
    CRC32C crc = new CRC32C();
    crc.update(grey);
    return crc.getValue();
  }

  private static List<RequestRecord> analyses(PekatSimulator s) {
    return s.stats().recent().stream()
        .filter(r -> r.endpoint() == Endpoint.ANALYZE_RAW_IMAGE)
        .toList();
  }

  private static List<String> data(PekatSimulator s) {
    return analyses(s).stream().map(r -> r.query().getOrDefault("data", "")).toList();
  }

  private static PekatSimulator sim(int port) {
    return PekatSimulator.builder()
        .port(port)
        .lanes(1)
        .pekatVersion(VERSION)
        .latency(Latency.fixed(Duration.ofMillis(5)))
        .build()
        .start();
  }

  private PipelineParts parts(String url) throws Exception {
    String yaml =
        ConfigYaml.create()
            .camera(
                CameraYaml.of("cam", "none")
                    .pixelFormat("Mono8")
                    .pekat(url)
                    .pekat("timeout", "2s")
                    .pekat("connectTimeout", "500ms")
                    .yaml("pekat", "busyWait: 0")
                    .journal(dir.resolve("cam.jsonl")))
            .toYaml();
    CameraConfig camera = new ConfigLoader(Map.of()).parse("test.yaml", yaml).cameras().get(0);
    return PipelineParts.create(camera, resources, metrics.forCamera("cam"), results);
  }
}
