package io.camerabridge.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.camerabridge.bindings.aravis.fake.FakeGvCameraProcess;
import io.camerabridge.ops.CameraState;
import io.camerabridge.pipeline.CameraPipeline;
import io.camerabridge.pipeline.PipelineStats;
import io.camerabridge.tools.sim.Fault;
import io.camerabridge.tools.sim.PekatSimulator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every fault the PEKAT simulator can play, one after the other against one running service: each
 * is counted as its outcome, every frame buffer goes back exactly once, and normal results follow.
 */
class SimulatorFaultsIT {
  private static final String RESULTS = "camerabridge_results_total";

  /** Fault → the {@code outcome} tag it must be counted as. */
  private static final Map<Fault, String> EXPECTED = new LinkedHashMap<>();

  static {
    EXPECTED.put(Fault.HTTP_500, "http_error");
    EXPECTED.put(Fault.BAD_REQUEST_TRACEBACK, "http_error");
    EXPECTED.put(Fault.MALFORMED_JSON, "malformed_response");
    EXPECTED.put(Fault.TRUNCATED_BODY, "io_error");
    EXPECTED.put(Fault.CLOSE_BEFORE_RESPONSE, "io_error");
    EXPECTED.put(Fault.CLOSE_MID_RESPONSE, "io_error");
    EXPECTED.put(Fault.HANG, "timeout");
    EXPECTED.put(Fault.WRONG_CONTENT_LENGTH, "malformed_response");
    EXPECTED.put(Fault.REFUSE_CONNECTIONS, "connect_failed");
  }

  @TempDir Path dir;

  @Test
  void everyFaultIsCountedAsItsOutcomeAndThePipelineGoesOn() throws Exception {
    try (FaultRig rig = FaultRig.attach();
        PekatSimulator sim = FaultRig.simulator().build().start();
        FakeGvCameraProcess camera = FakeGvCameraProcess.builder().start();
        BridgeHarness h =
            BridgeHarness.start(
                dir,
                FaultRig.config(
                    "faults",
                    camera.deviceId(),
                    sim.baseUri(),
                    dir,
                    10,
                    List.of("timeout: 1s", "connectTimeout: 500ms"),
                    List.of()))) {
      CameraPipeline pipeline = h.bridge.pipelines().get(0);
      awaitOk(rig, h, 3);

      for (Map.Entry<Fault, String> e : EXPECTED.entrySet()) {
        Fault fault = e.getKey();
        String outcome = "outcome=\"" + e.getValue() + "\"";
        double before = rig.metric(h.bridge, RESULTS, outcome);
        if (fault == Fault.REFUSE_CONNECTIONS) {
          double downBefore =
              rig.metric(h.bridge, "camerabridge_frames_dropped_total", "reason=\"analyzer_down\"");
          // The next frame is refused (connect_failed), unless one was in flight when the listener
          // closed its connection: that one is an io_error, and the /ping that follows finds the
          // port refused and takes the instance out before any frame meets the refusal.
          String inFlight = "outcome=\"io_error\"";
          double failedBefore = before + rig.metric(h.bridge, RESULTS, inFlight);
          sim.setFault(fault);
          await()
              .atMost(Duration.ofSeconds(30))
              .until(
                  () ->
                      rig.metric(h.bridge, RESULTS, outcome)
                                  + rig.metric(h.bridge, RESULTS, inFlight)
                              >= failedBefore + 1
                          && rig.metric(
                                  h.bridge,
                                  "camerabridge_frames_dropped_total",
                                  "reason=\"analyzer_down\"")
                              > downBefore);
          sim.setFault(Fault.NONE);
        } else {
          // Two requests: the client may retry a request that died on a reused connection before
          // any response byte, so one frame can meet both.
          sim.injectFault(fault, 2);
          await()
              .atMost(Duration.ofSeconds(30))
              .alias(fault.cliName())
              .until(() -> rig.metric(h.bridge, RESULTS, outcome) >= before + 1);
        }
        awaitOk(rig, h, 3);
        assertThat(pipeline.state()).as(fault.cliName()).isEqualTo(CameraState.STREAMING);
      }

      h.close();
      PipelineStats.Snapshot s = pipeline.stats().snapshot();
      // One outcome per frame sent, and the metrics agree with the totals.
      assertThat(s.results()).isEqualTo(s.sent());
      double counted =
          h.bridge.metrics().registry().find("camerabridge.results").counters().stream()
              .mapToDouble(c -> c.count())
              .sum();
      assertThat(counted).isEqualTo((double) s.results());
      assertThat(pipeline.leases().outstanding()).isZero();
      assertThat(pipeline.leases().returnedTotal()).isEqualTo(pipeline.leases().wrappedTotal());
      rig.assertNoNettyLeaks();
      rig.assertNoSecret();
    }
  }

  private static void awaitOk(FaultRig rig, BridgeHarness h, int more) {
    double ok = okCount(rig, h);
    await().atMost(Duration.ofSeconds(30)).until(() -> okCount(rig, h) >= ok + more);
  }

  private static double okCount(FaultRig rig, BridgeHarness h) {
    String body = rig.get(h.bridge, "/metrics");
    return FaultRig.sum(body, RESULTS, "outcome=\"ok\"")
        + FaultRig.sum(body, RESULTS, "outcome=\"ng\"");
  }
}
