package io.camerabridge.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camerabridge.bindings.aravis.fake.FakeGvCameraProcess;
import io.camerabridge.ops.CameraState;
import io.camerabridge.pekat.ApiKey;
import io.camerabridge.pipeline.CameraPipeline;
import io.camerabridge.testing.ReservedPort;
import io.camerabridge.tools.sim.Endpoint;
import io.camerabridge.tools.sim.Latency;
import io.camerabridge.tools.sim.PekatSimulator;
import io.camerabridge.tools.sim.RequestRecord;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The analyzer absent, going away, coming back on the same port, and too slow: the service stays
 * up, counts every frame it could not analyse by reason, and resumes on its own.
 */
class AnalyzerDownAndSlowIT {
  private static final String DOWN = "camerabridge_frames_dropped_total";

  @TempDir Path dir;

  @Test
  void analyzerAbsentAtStartThenStoppedAndRestartedOnTheSamePort() throws Exception {
    ReservedPort down = ReservedPort.take();
    int port = down.port();
    URI url = URI.create(down.httpUrl());
    try (FaultRig rig = FaultRig.attach();
        FakeGvCameraProcess camera = FakeGvCameraProcess.builder().start();
        BridgeHarness h =
            BridgeHarness.start(
                dir,
                FaultRig.config(
                    "down",
                    camera.deviceId(),
                    url,
                    dir,
                    20,
                    List.of("connectTimeout: 500ms"),
                    List.of()))) {
      CameraPipeline pipeline = h.bridge.pipelines().get(0);
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> rig.metric(h.bridge, DOWN, "reason=\"analyzer_down\"") >= 10);
      assertThat(pipeline.state()).isEqualTo(CameraState.STREAMING);
      assertThat(rig.get(h.bridge, "/health")).contains("\"analyzerReachable\" : false");

      Return back = comeBack(rig, h, down, pipeline);
      down = ReservedPort.hold(port);

      // Stopped mid-stream: frames are dropped as analyzer_down, not queued.
      double downBefore = rig.metric(h.bridge, DOWN, "reason=\"analyzer_down\"");
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> rig.metric(h.bridge, DOWN, "reason=\"analyzer_down\"") >= downBefore + 10);
      assertThat(pipeline.state()).isEqualTo(CameraState.STREAMING);
      assertThat(pipeline.leases().outstanding()).isLessThanOrEqualTo(1);

      Return backAgain = comeBack(rig, h, down, pipeline);

      h.close();
      assertThat(pipeline.leases().outstanding()).isZero();
      assertThat(pipeline.leases().returnedTotal()).isEqualTo(pipeline.leases().wrappedTotal());
      assertNoStaleBurst(dir.resolve("down.jsonl"), back);
      assertNoStaleBurst(dir.resolve("down.jsonl"), backAgain);
      rig.assertNoNettyLeaks();
      rig.assertNoSecret();
    }
  }

  /** When the analyzer came back, and the last frame taken before that. */
  private record Return(Instant at, long lastSequenceBefore) {}

  /**
   * Starts the analyzer on the port {@code down} held, waits for results, stops it again; returns
   * its start.
   */
  private Return comeBack(FaultRig rig, BridgeHarness h, ReservedPort down, CameraPipeline pipeline)
      throws IOException {
    long resultsBefore = pipeline.stats().snapshot().results();
    down.close();
    Return back = new Return(Instant.now(), pipeline.leases().lastSequence());
    try (PekatSimulator sim = simulator(down.port())) {
      await()
          .atMost(Duration.ofSeconds(60)) // a guard against a hang, not a bound
          .until(() -> pipeline.stats().snapshot().results() >= resultsBefore + 3);
      assertThat(rig.metric(h.bridge, "camerabridge_analyzer_reachable")).isEqualTo(1.0);
      // Found by the analyzer's own /ping; frames go only after it answered.
      List<Endpoint> order =
          sim.stats().recent().stream().map(RequestRecord::endpoint).distinct().toList();
      assertThat(order).first().isEqualTo(Endpoint.PING);
      assertThat(order).contains(Endpoint.ANALYZE_RAW_IMAGE);
      // The first exchange after the return answers a fresh frame, not a queued one.
      assertThat(sim.stats().peakInFlight()).isLessThanOrEqualTo(1);
    }
    return back;
  }

  @Test
  void slowAnalyzerKeepsInFlightBoundedAndDropsAsBusy() throws Exception {
    // 20 fps is a 50 ms frame interval; the analyzer takes five times that.
    try (FaultRig rig = FaultRig.attach();
        PekatSimulator sim =
            FaultRig.simulator().latency(Latency.fixed(Duration.ofMillis(250))).build().start();
        FakeGvCameraProcess camera = FakeGvCameraProcess.builder().start();
        BridgeHarness h =
            BridgeHarness.start(
                dir,
                FaultRig.config(
                    "slow",
                    camera.deviceId(),
                    sim.baseUri(),
                    dir,
                    20,
                    List.of("maxInFlight: 2"),
                    List.of("buffers: 6")))) {
      CameraPipeline pipeline = h.bridge.pipelines().get(0);
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> pipeline.stats().snapshot().results() >= 4);
      long heapBefore = FaultRig.heapAfterGc();
      AtomicLong peakOut = new AtomicLong();
      long resultsAt = pipeline.stats().snapshot().results();
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(20))
          .until(
              () -> {
                peakOut.accumulateAndGet(pipeline.leases().outstanding(), Math::max);
                return pipeline.stats().snapshot().results() >= resultsAt + 30;
              });
      // Never more than maxInFlight at the analyzer; the frames held are those plus at most the
      // one the client is refusing as busy at that instant.
      assertThat(sim.stats().peakInFlight()).isLessThanOrEqualTo(2);
      assertThat(peakOut.get()).isLessThanOrEqualTo(2 + 1);
      assertThat(rig.metric(h.bridge, DOWN, "reason=\"analyzer_busy\"")).isGreaterThan(30);
      assertThat(rig.metric(h.bridge, "camerabridge_buffers_free")).isGreaterThanOrEqualTo(3);
      // Flat heap: the busy drops allocate nothing that stays (generous margin for JIT, pools).
      assertThat(FaultRig.heapAfterGc() - heapBefore).isLessThan(32L << 20);
      assertThat(pipeline.state()).isEqualTo(CameraState.STREAMING);

      h.close();
      assertThat(pipeline.leases().outstanding()).isZero();
      assertThat(pipeline.leases().returnedTotal()).isEqualTo(pipeline.leases().wrappedTotal());
      rig.assertNoNettyLeaks();
      rig.assertNoSecret();
    }
  }

  private static PekatSimulator simulator(int port) {
    return PekatSimulator.builder()
        .host("127.0.0.1")
        .port(port)
        .apiKey(ApiKey.of(FaultRig.API_KEY))
        .recentRequests(1000)
        .build()
        .start();
  }

  /**
   * After the analyzer's return, at most the one frame that was already on its way was taken before
   * it (by sequence, the order frames left the camera): the frames of the outage were given back,
   * not queued.
   */
  private static void assertNoStaleBurst(Path journal, Return back) throws Exception {
    ObjectMapper json = new ObjectMapper();
    long stale = 0;
    long after = 0;
    for (String line : Files.readAllLines(journal)) {
      JsonNode r = json.readTree(line);
      if (!r.has("completedAt")
          || Instant.parse(r.get("completedAt").asText()).isBefore(back.at())) {
        continue;
      }
      after++;
      if (r.get("sequence").asLong() <= back.lastSequenceBefore()) {
        stale++;
      }
    }
    assertThat(after).isPositive();
    assertThat(stale)
        .as("results after the return for frames taken before it")
        .isLessThanOrEqualTo(1);
  }
}
