package io.camerabridge.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.camerabridge.bindings.aravis.fake.FakeGvCameraProcess;
import io.camerabridge.pipeline.CameraPipeline;
import io.camerabridge.pipeline.PipelineStats;
import io.camerabridge.tools.sim.PekatSimulator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lossy camera links ({@code arv-fake-gv-camera-0.8 --gvsp-lost-ratio}): one camera with packet
 * resend, one without. Incomplete frames are counted by status and never reach the analyzer; the
 * stream's resend and missing-packet statistics are in {@code /metrics}.
 */
class PacketLossIT {
  @TempDir Path dir;

  @Test
  void incompleteFramesAreCountedByStatusAndNeverSent() throws Exception {
    try (FaultRig rig = FaultRig.attach();
        PekatSimulator sim = FaultRig.simulator().build().start();
        FakeGvCameraProcess resending =
            FakeGvCameraProcess.builder().lostPacketsPerThousand(20).start();
        FakeGvCameraProcess lossy =
            FakeGvCameraProcess.builder().lostPacketsPerThousand(3).start();
        BridgeHarness h =
            BridgeHarness.start(
                dir,
                FaultRig.config(
                    FaultRig.camera(
                        "resend",
                        resending.deviceId(),
                        sim.baseUri(),
                        dir,
                        10,
                        List.of(),
                        List.of("gige: { packetSocket: false, packetResend: true }")),
                    FaultRig.camera(
                        "noresend",
                        lossy.deviceId(),
                        sim.baseUri(),
                        dir,
                        10,
                        List.of(),
                        List.of("gige: { packetSocket: false, packetResend: false }"))))) {
      CameraPipeline withResend = h.bridge.pipelines().get(0);
      CameraPipeline without = h.bridge.pipelines().get(1);
      await()
          .atMost(Duration.ofSeconds(90))
          .until(
              () ->
                  without.stats().snapshot().incomplete() >= 5
                      && without.stats().snapshot().results() >= 3
                      && stream(rig, h, "resend") > 0);

      String metrics = rig.get(h.bridge, "/metrics");
      double incomplete =
          FaultRig.sum(metrics, "camerabridge_frames_incomplete_total", "camera=\"noresend\"");
      assertThat(incomplete).isGreaterThanOrEqualTo(5);
      assertThat(metrics)
          .containsPattern(
              "camerabridge_frames_incomplete_total\\{[^}]*camera=\"noresend\"[^}]*status=\"[a-z_]+\"");
      assertThat(metrics).contains("camerabridge_stream_resent_packets_total{camera=\"resend\"");
      assertThat(metrics).contains("camerabridge_stream_missing_packets_total{camera=\"noresend\"");

      h.close();
      long sentToSim = 0;
      for (CameraPipeline p : List.of(withResend, without)) {
        PipelineStats.Snapshot s = p.stats().snapshot();
        // Each frame popped is exactly one of: incomplete, sent, dropped with a reason.
        assertThat(s.acquired()).as(p.id()).isEqualTo(s.incomplete() + s.sent() + s.dropped());
        assertThat(p.leases().outstanding()).isZero();
        assertThat(p.leases().wrappedTotal()).isEqualTo(s.sent() + busyDrops(h, p.id()));
        sentToSim += s.sent();
      }
      // Frames only: the warm-ups and /ping, /version probes are not frames.
      assertThat(sim.stats().frames()).isEqualTo(sentToSim);
      rig.assertNoNettyLeaks();
      rig.assertNoSecret();
    }
  }

  private static double stream(FaultRig rig, BridgeHarness h, String camera) {
    String body = rig.get(h.bridge, "/metrics");
    String tag = "camera=\"" + camera + "\"";
    return FaultRig.sum(body, "camerabridge_stream_resent_packets_total", tag)
        + FaultRig.sum(body, "camerabridge_stream_missing_packets_total", tag);
  }

  /** Frames wrapped for the client that it refused as busy (given back at once). */
  private static long busyDrops(BridgeHarness h, String camera) {
    return (long)
        h
            .bridge
            .metrics()
            .registry()
            .find("camerabridge.frames.dropped")
            .tag("camera", camera)
            .tag("reason", "analyzer_busy")
            .counters()
            .stream()
            .mapToDouble(c -> c.count())
            .sum();
  }
}
