package io.camerabridge.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.camerabridge.bindings.aravis.fake.FakeGvCameraProcess;
import io.camerabridge.ops.CameraState;
import io.camerabridge.pipeline.CameraPipeline;
import io.camerabridge.tools.sim.PekatSimulator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Results that cannot be written: a journal and an NG directory whose parent is a file (unwritable
 * for every user, root included), and a journal on a full device ({@code /dev/full}, ENOSPC) with
 * NG images on a 256 KiB tmpfs when the test may mount one. Each failure is counted, logged once,
 * and acquisition and analysis go on; the unwritable outputs resume when the path is fixed.
 */
class DiskFaultsIT {
  private static final String FAILURES = "camerabridge_write_failures_total";

  @TempDir Path dir;

  @Test
  void unwritableJournalAndNgDirectoryAreCountedLoggedOnceAndRecover() throws Exception {
    Path blocker = Files.writeString(dir.resolve("blocker"), "a file where a directory should be");
    Path journal = blocker.resolve("io.jsonl");
    Path ng = blocker.resolve("ng");
    try (FaultRig rig = FaultRig.attach();
        PekatSimulator sim = ngSimulator();
        FakeGvCameraProcess camera = FakeGvCameraProcess.builder().start();
        BridgeHarness h = BridgeHarness.start(dir, config(camera, sim, journal, ng))) {
      CameraPipeline pipeline = h.bridge.pipelines().get(0);
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () ->
                  rig.metric(h.bridge, FAILURES, "target=\"journal\"") >= 5
                      && rig.metric(h.bridge, FAILURES, "target=\"ng_image\"") >= 3);
      assertAcquisitionGoesOn(rig, h, pipeline);
      assertThat(pipeline.health().records())
          .as("/health names what is not being written")
          .extracting(r -> r.output() + (r.problem() != null ? " not written" : " ok"))
          .containsExactly("journal not written", "ngImages not written");
      assertThat(rig.messages("ResultJournal"))
          .filteredOn(m -> m.contains("further journal failures"))
          .hasSize(1);
      assertThat(rig.messages("NgImageSaver"))
          .filteredOn(m -> m.contains("further NG image failures"))
          .hasSize(1);

      // The operator fixes the path: both outputs resume without a restart.
      Files.delete(blocker);
      Files.createDirectories(blocker); // the service may have created it already
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> Files.exists(journal) && Files.size(journal) > 0 && hasPng(ng));
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> pipeline.health().records().stream().allMatch(r -> r.state().equals("ok")));

      h.close();
      assertThat(pipeline.leases().outstanding()).isZero();
      assertThat(pipeline.leases().returnedTotal()).isEqualTo(pipeline.leases().wrappedTotal());
      rig.assertNoNettyLeaks();
      rig.assertNoSecret();
    }
  }

  @Test
  void fullDiskIsCountedAndAcquisitionGoesOn() throws Exception {
    Path ng = dir.resolve("ng-tmpfs");
    Files.createDirectory(ng);
    boolean mounted = mountTinyTmpfs(ng);
    try (FaultRig rig = FaultRig.attach();
        PekatSimulator sim = ngSimulator();
        FakeGvCameraProcess camera = FakeGvCameraProcess.builder().start();
        BridgeHarness h = BridgeHarness.start(dir, config(camera, sim, Path.of("/dev/full"), ng))) {
      CameraPipeline pipeline = h.bridge.pipelines().get(0);
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () ->
                  rig.metric(h.bridge, FAILURES, "target=\"journal\"") >= 5
                      && (!mounted || rig.metric(h.bridge, FAILURES, "target=\"ng_image\"") >= 3));
      assertAcquisitionGoesOn(rig, h, pipeline);
      assertThat(rig.messages("ResultJournal"))
          .filteredOn(m -> m.contains("further journal failures"))
          .hasSize(1);
      h.close();
      assertThat(pipeline.leases().outstanding()).isZero();
      rig.assertNoSecret();
    } finally {
      if (mounted) {
        run("umount", ng.toString());
      }
    }
  }

  private static void assertAcquisitionGoesOn(FaultRig rig, BridgeHarness h, CameraPipeline p) {
    long acquired = p.stats().snapshot().acquired();
    long results = p.stats().snapshot().results();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                p.stats().snapshot().acquired() >= acquired + 10
                    && p.stats().snapshot().results() >= results + 5);
    assertThat(p.state()).isEqualTo(CameraState.STREAMING);
    assertThat(
            rig.metric(h.bridge, "camerabridge_frames_dropped_total", "reason=\"analyzer_down\""))
        .isZero();
  }

  /** Every frame is NG (any cell brighter than 1), so every frame has an image to save. */
  private static PekatSimulator ngSimulator() {
    return FaultRig.simulator().brightThreshold(1).build().start();
  }

  private String config(FakeGvCameraProcess camera, PekatSimulator sim, Path journal, Path ng) {
    return FaultRig.config(
        "disk",
        camera.deviceId(),
        sim.baseUri(),
        dir,
        10,
        List.of(),
        List.of(
            "results:",
            "  journal: \"" + journal + "\"",
            "  saveNg: { dir: \"" + ng + "\", image: raw, maxDisk: 100MiB }"));
  }

  private static boolean hasPng(Path ng) throws IOException {
    if (!Files.isDirectory(ng)) {
      return false;
    }
    try (var files = Files.list(ng)) {
      return files.anyMatch(f -> f.getFileName().toString().endsWith(".png"));
    }
  }

  /** A 256 KiB tmpfs fills after a few images; only root (CAP_SYS_ADMIN) may mount one. */
  private static boolean mountTinyTmpfs(Path at) throws Exception {
    return run("mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", at.toString()) == 0;
  }

  private static int run(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    p.getInputStream().readAllBytes();
    return p.waitFor();
  }
}
