package io.camerabridge.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The frame path from a complete frame to its journal line, against the real client and the
 * simulator's fault modes over real sockets (no camera: frames are direct buffers standing in for
 * camera memory). Every frame's memory must be given back exactly once, whatever happens.
 */
class FramePathUnderAnalyzerFaultsIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int W = 64;
  private static final int H = 48;

  @TempDir Path dir;

  private final BridgeMetrics metrics = new BridgeMetrics();
  private final ClientResources resources = ClientResources.create(1);
  private final ExecutorService results = Executors.newSingleThreadExecutor();
  private final AtomicInteger sent = new AtomicInteger();
  private final FrameFeeder feeder = new FrameFeeder(W, H);
  private PipelineParts parts;

  @AfterEach
  void close() {
    if (parts != null) {
      parts.analyzers().close(Duration.ofSeconds(2));
      parts.closeResults(Duration.ofSeconds(5));
    }
    results.shutdown();
    resources.close();
    metrics.close();
  }

  @Test
  void analyzerDownDropsAsAnalyzerDownAndResultsResumeWhenItIsBack() throws Exception {
    ReservedPort down = ReservedPort.take();
    int port = down.port();
    parts = parts(down.httpUrl(), "1s");
    // Frames keep coming, as from a camera, while the first connection attempts fail.
    AtomicInteger next = new AtomicInteger();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> {
              sendFrame(next.incrementAndGet());
              return dropped("analyzer_down") > 0;
            });
    assertThat(parts.analyzers().reachable()).isFalse();

    down.close();
    try (PekatSimulator sim =
        PekatSimulator.builder().port(port).recentRequests(1000).build().start()) {
      await()
          .atMost(Duration.ofSeconds(30)) // a guard against a hang, not a bound
          .until(
              () -> {
                sendFrame(100);
                return parts.stats().snapshot().ok() + parts.stats().snapshot().ng() > 0;
              });
      // The return is found by the analyzer's own /ping, and frames go only after it answered.
      List<Endpoint> order =
          sim.stats().recent().stream().map(RequestRecord::endpoint).distinct().toList();
      assertThat(order).first().isEqualTo(Endpoint.PING);
      assertThat(order).contains(Endpoint.ANALYZE_RAW_IMAGE);
      // Back for good: each of the next frames is analysed, none is dropped as analyzer_down.
      double downAtReturn = dropped("analyzer_down");
      for (int i = 1; i <= 5; i++) {
        long results = parts.stats().snapshot().results();
        int id = 100 + i;
        await()
            .atMost(Duration.ofSeconds(10))
            .until(
                () -> {
                  sendFrame(id); // one in flight at most: a frame too many is a busy drop
                  return parts.stats().snapshot().results() > results;
                });
      }
      assertThat(dropped("analyzer_down")).isEqualTo(downAtReturn);
      assertThat(parts.stats().snapshot().ok() + parts.stats().snapshot().ng())
          .isGreaterThanOrEqualTo(6);
    }
    awaitAllGivenBack();
  }

  @Test
  void slowAnalyzerNeverSeesMoreThanMaxInFlightAndExtraFramesAreBusyDrops() throws Exception {
    try (PekatSimulator sim =
        PekatSimulator.builder()
            .port(0)
            .latency(Latency.fixed(Duration.ofMillis(150)))
            .build()
            .start()) {
      parts = warmedUp(sim.baseUri().toString(), "5s", "busyWait: 0");
      for (int i = 0; i < 40; i++) {
        sendFrame(i);
      }
      awaitAllGivenBack();
      assertThat(sim.stats().peakInFlight()).isEqualTo(1);
      assertThat(dropped("analyzer_busy")).isPositive();
      assertThat(parts.leases().outstanding()).isZero();
    }
  }

  @Test
  void aBurstOfFramesWaitsForTheSlotWithinBusyWaitInsteadOfBeingDropped() throws Exception {
    try (PekatSimulator sim =
        PekatSimulator.builder()
            .port(0)
            .latency(Latency.fixed(Duration.ofMillis(30)))
            .build()
            .start()) {
      // Five frames at once, as Aravis hands them over after a scheduling hiccup: each waits for
      // the one before it (30 ms each), well within busyWait.
      parts = warmedUp(sim.baseUri().toString(), "5s", "busyWait: 2s");
      for (int i = 0; i < 5; i++) {
        sendFrame(i);
      }
      awaitAllGivenBack();
      assertThat(sim.stats().peakInFlight()).isEqualTo(1);
      assertThat(dropped("analyzer_busy")).isZero();
      assertThat(parts.stats().snapshot().sent()).isEqualTo(5);
      await().atMost(Duration.ofSeconds(10)).until(() -> parts.stats().snapshot().ok() == 5);
      assertThat(parts.leases().outstanding()).isZero();
    }
  }

  @Test
  void everyFaultIsCountedAsItsOutcomeAndEveryBufferComesBackOnce() throws Exception {
    Map<Fault, String> expected =
        Map.of(
            Fault.BAD_REQUEST_TRACEBACK, "http_error",
            Fault.MALFORMED_JSON, "malformed_response",
            Fault.TRUNCATED_BODY, "io_error",
            Fault.CLOSE_BEFORE_RESPONSE, "io_error",
            Fault.CLOSE_MID_RESPONSE, "io_error",
            Fault.HANG, "timeout",
            Fault.WRONG_CONTENT_LENGTH, "malformed_response");
    try (PekatSimulator sim = PekatSimulator.builder().port(0).build().start()) {
      parts = warmedUp(sim.baseUri().toString(), "1s", "busyWait: 0");
      int frame = 0;
      for (Fault fault : List.copyOf(expected.keySet())) {
        sim.injectFault(fault, 1);
        int before = feeder.givenBack();
        sendFrame(frame++);
        await().atMost(Duration.ofSeconds(10)).until(() -> feeder.givenBack() == before + 1);
        await()
            .atMost(Duration.ofSeconds(10))
            .until(() -> parts.stats().snapshot().results() == sent.get());
        // A good frame after each fault: consecutive failures would take the instance out. After a
        // reset or a time-out the instance takes no frame until its /ping check answers, and a
        // frame sent meanwhile is a busy drop (busyWait 0): frames go until one is analysed.
        long ok = parts.stats().snapshot().ok();
        AtomicInteger good = new AtomicInteger(frame);
        await()
            .atMost(Duration.ofSeconds(10))
            .until(
                () -> {
                  sendFrame(good.getAndIncrement());
                  return parts.stats().snapshot().ok() > ok;
                });
        frame = good.get();
        awaitAllGivenBack();
        await()
            .atMost(Duration.ofSeconds(10))
            .until(() -> parts.stats().snapshot().results() == sent.get());
      }
      // The pipeline continues normally afterwards.
      sendFrame(frame);
      await().atMost(Duration.ofSeconds(10)).until(() -> parts.stats().snapshot().ok() >= 1);
    }
    awaitAllGivenBack();
    parts.closeResults(Duration.ofSeconds(5));
    List<String> lines = Files.readAllLines(dir.resolve("cam.jsonl"));
    assertThat(lines).hasSize(sent.get());
    List<String> outcomes = lines.stream().map(l -> read(l).get("outcome").asText()).toList();
    assertThat(outcomes).containsAll(expected.values()).contains("ok");
  }

  private PipelineParts parts(String url, String timeout) throws Exception {
    return parts(url, timeout, "busyWait: 0");
  }

  private PipelineParts parts(String url, String timeout, String pekatOption) throws Exception {
    String yaml =
        ConfigYaml.create()
            .camera(
                CameraYaml.of("cam", "none")
                    .pixelFormat("Mono8")
                    .size(W, H)
                    .pekat(url)
                    .pekat("timeout", timeout)
                    .pekat("connectTimeout", "500ms")
                    .yaml("pekat", pekatOption)
                    .journal(dir.resolve("cam.jsonl")))
            .toYaml();
    CameraConfig camera = new ConfigLoader(Map.of()).parse("test.yaml", yaml).cameras().get(0);
    return PipelineParts.create(camera, resources, metrics.forCamera("cam"), results);
  }

  /**
   * Frames go to an instance only after its warm-up: the tests about a live analyzer start then.
   */
  private PipelineParts warmedUp(String url, String timeout, String pekatOption) throws Exception {
    PipelineParts p = parts(url, timeout, pekatOption);
    assertThat(p.analyzers().awaitReady(1, Duration.ofSeconds(10))).isTrue();
    return p;
  }

  /** Drops never reach the journal: {@code sent} counts only frames that went out. */
  private void sendFrame(int id) {
    feeder.send(parts, id);
    sent.set((int) parts.stats().snapshot().sent());
  }

  private void awaitAllGivenBack() {
    feeder.awaitAllGivenBack(parts);
  }

  private double dropped(String reason) {
    return FrameFeeder.dropped(metrics.registry(), reason);
  }

  private static com.fasterxml.jackson.databind.JsonNode read(String line) {
    try {
      return JSON.readTree(line);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
