package io.camerabridge.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.camerabridge.bindings.aravis.fake.FakeGvCameraProcess;
import io.camerabridge.ops.CameraHealth;
import io.camerabridge.ops.CameraState;
import io.camerabridge.pipeline.CameraPipeline;
import io.camerabridge.tools.sim.PekatSimulator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Camera faults, with real {@code arv-fake-gv-camera-0.8} processes: the service never stops. */
class CameraFaultsIT {
  private static final Logger LOG = LoggerFactory.getLogger(CameraFaultsIT.class);

  /**
   * A guard against a hang, not a bound: how soon frames flow again (about one back-off step) is
   * measured and logged, never asserted against the clock of a loaded host.
   */
  private static final Duration RESUME_GUARD = Duration.ofSeconds(30);

  @TempDir Path dir;

  @Test
  void cameraKilledMidStreamIsReopenedAndReconfiguredAgainAndAgainWithoutLeaks() throws Exception {
    int cycles = 3; // the first one warms up; the other two must leave nothing behind
    try (PekatSimulator sim = PekatSimulator.builder().port(0).build().start()) {
      String serial = BridgeHarness.serial("RECON");
      FakeGvCameraProcess camera = FakeGvCameraProcess.builder().serial(serial).start();
      String yaml = cameraYaml("recon", camera, sim, "frameRate: 10", "frameTimeout: 1500ms");
      BridgeHarness harness = BridgeHarness.start(dir, yaml);
      try {
        CameraPipeline pipeline = harness.bridge.pipelines().get(0);
        await()
            .atMost(Duration.ofSeconds(60))
            .until(() -> pipeline.stats().snapshot().acquired() >= 5);
        long threadsBefore = -1;
        long fdsBefore = -1;
        for (int cycle = 1; cycle <= cycles; cycle++) {
          camera.kill();
          // The frame watchdog notices (frameTimeout plus one 250 ms check); the wait is a guard.
          await()
              .atMost(Duration.ofSeconds(30))
              .until(() -> state(harness) == CameraState.RECONNECTING);
          camera.close();

          // Back at once (a real camera takes longer to reboot); the dead session's tear-down
          // (~10 s) runs meanwhile on its own thread.
          camera = FakeGvCameraProcess.builder().serial(serial).start();
          long before = pipeline.stats().snapshot().acquired();
          await()
              .atMost(RESUME_GUARD)
              .until(
                  () ->
                      state(harness) == CameraState.STREAMING
                          && pipeline.stats().snapshot().acquired() > before);
          assertThat(pipeline.stats().snapshot().reconnects()).isEqualTo(cycle);
          assertReconfigured(pipeline);
          if (cycle == 1) {
            // After one full cycle every lazily started helper thread exists: the baseline.
            threadsBefore = threads();
            fdsBefore = openFiles();
          }
        }
        long threadsBaseline = threadsBefore;
        long fdsBaseline = fdsBefore;
        // Once the lost sessions are torn down, threads and descriptors are back where they were.
        await()
            .atMost(Duration.ofSeconds(30))
            .untilAsserted(
                () -> {
                  assertThat(threads())
                      .as("threads: %s", Thread.getAllStackTraces().keySet())
                      .isLessThanOrEqualTo(threadsBaseline);
                  assertThat(openFiles()).isLessThanOrEqualTo(fdsBaseline + 2);
                });
        // The lost sessions' tear-downs (their last register writes) ran while the camera streamed
        // again: they did not stop it.
        long acquired = pipeline.stats().snapshot().acquired();
        await()
            .atMost(Duration.ofSeconds(30)) // a guard against a hang, not a bound
            .until(() -> pipeline.stats().snapshot().acquired() >= acquired + 10);
        assertThat(state(harness)).isEqualTo(CameraState.STREAMING);
        assertThat(pipeline.stats().snapshot().reconnects()).isEqualTo(cycles);
      } finally {
        harness.close();
        camera.close();
      }
      CameraPipeline stopped = harness.bridge.pipelines().get(0);
      assertThat(stopped.leases().outstanding()).isZero();
      // The sequence belongs to the pipeline: one number per acquired frame, never reset by the
      // reconnects (each new fake camera restarts its own frame ids).
      assertThat(stopped.leases().lastSequence()).isEqualTo(stopped.stats().snapshot().acquired());
    }
  }

  @Test
  void stoppingWhileALostCameraIsStillBeingClosedEndsCleanly() throws Exception {
    try (PekatSimulator sim = PekatSimulator.builder().port(0).build().start()) {
      String serial = BridgeHarness.serial("GONE");
      String yaml;
      BridgeHarness harness;
      try (FakeGvCameraProcess camera = FakeGvCameraProcess.builder().serial(serial).start()) {
        yaml = cameraYaml("gone", camera, sim, "frameRate: 10", "frameTimeout: 1500ms");
        harness = BridgeHarness.start(dir, yaml);
        CameraPipeline pipeline = harness.bridge.pipelines().get(0);
        await()
            .atMost(Duration.ofSeconds(60))
            .until(() -> pipeline.stats().snapshot().results() >= 3);
        camera.kill();
        await()
            .atMost(Duration.ofSeconds(30)) // a guard against a hang, not a bound
            .until(() -> state(harness) == CameraState.RECONNECTING);
      }
      // The dead session's tear-down (~10 s of GVCP time-outs) is under way on its own thread.
      long start = System.nanoTime();
      // A guard against a hang only: the stop's own bound is release's 15 s for lost sessions.
      java.util.concurrent.CompletableFuture.runAsync(harness::close)
          .get(60, java.util.concurrent.TimeUnit.SECONDS);
      LOG.info(
          "stop with a lost session still closing took {} ms",
          (System.nanoTime() - start) / 1_000_000);
      CameraPipeline pipeline = harness.bridge.pipelines().get(0);
      assertThat(pipeline.state()).isEqualTo(CameraState.STOPPED);
      assertThat(pipeline.leases().outstanding()).isZero();
    }
  }

  @Test
  void hardwareTriggeredCameraIsProbedAndReopenedWhenKilled() throws Exception {
    try (PekatSimulator sim = PekatSimulator.builder().port(0).build().start()) {
      String serial = BridgeHarness.serial("HWT");
      FakeGvCameraProcess camera = FakeGvCameraProcess.builder().serial(serial).start();
      String yaml = cameraYaml("hwt", camera, sim, "trigger: { mode: hardware, source: Line0 }");
      try (BridgeHarness harness = BridgeHarness.start(dir, yaml)) {
        await().atMost(Duration.ofSeconds(60)).until(() -> state(harness) == CameraState.STREAMING);
        camera.kill();
        // No frames are expected without triggers: the register probe finds out (a read of a dead
        // GigE camera takes seconds to time out, two failed reads mean lost).
        await()
            .atMost(Duration.ofSeconds(20))
            .until(() -> state(harness) == CameraState.RECONNECTING);
        camera.close();
        camera = FakeGvCameraProcess.builder().serial(serial).start();
        await().atMost(RESUME_GUARD).until(() -> state(harness) == CameraState.STREAMING);
      } finally {
        camera.close();
      }
    }
  }

  @Test
  void packetLossYieldsIncompleteFramesThatAreCountedAndNeverSent() throws Exception {
    try (FakeGvCameraProcess lossy =
            FakeGvCameraProcess.builder()
                .serial(BridgeHarness.serial("LOSS"))
                .lostPacketsPerThousand(3)
                .start();
        PekatSimulator sim =
            PekatSimulator.builder().port(0).checksums(true).recentRequests(2000).build().start()) {
      // Small frames (~200 packets), so that without resends a fair share still arrives whole.
      FakeRamp ramp = FakeRamp.learn(lossy.deviceId(), 640, 480);
      String yaml =
          BridgeHarness.config(
              BridgeHarness.camera(
                  "lossy",
                  lossy.deviceId(),
                  sim.baseUri().toString(),
                  dir,
                  640,
                  480,
                  "frameRate: 10",
                  "frameTimeout: 10s",
                  "gige: { packetResend: false }"));
      try (BridgeHarness harness = BridgeHarness.start(dir, yaml)) {
        CameraPipeline pipeline = harness.bridge.pipelines().get(0);
        await()
            .atMost(Duration.ofSeconds(60))
            .until(
                () ->
                    pipeline.stats().snapshot().incomplete() >= 3
                        && pipeline.stats().snapshot().results() >= 3);
        io.micrometer.core.instrument.MeterRegistry registry = harness.bridge.metrics().registry();
        double incomplete =
            registry
                .find("camerabridge.frames.incomplete")
                .tag("camera", "lossy")
                .counters()
                .stream()
                .mapToDouble(io.micrometer.core.instrument.Counter::count)
                .sum();
        assertThat(incomplete).isPositive();
        assertThat(
                registry.find("camerabridge.stream.missing.packets").tag("camera", "lossy").meter())
            .as("missing packets exported")
            .isNotNull();
      }
      // Only complete frames reached the analyzer: every body is exactly the camera's frame.
      // (The warm-up's mid-grey frame is not one of them.)
      for (io.camerabridge.tools.sim.RequestRecord r : sim.stats().recentFrames()) {
        long frameId = Long.parseLong(r.query().get("data").split("/")[1]);
        assertThat(r.crc32c()).hasValue(ramp.crc32c(frameId, 640, 480));
      }
    }
  }

  private static void assertReconfigured(CameraPipeline pipeline) throws Exception {
    Map<String, Object> settings = new HashMap<>();
    pipeline
        .withCamera(
            c -> {
              settings.put("PixelFormat", c.features().getString("PixelFormat"));
              settings.put("Width", c.features().getInteger("Width"));
              settings.put("Height", c.features().getInteger("Height"));
            })
        .get();
    assertThat(settings)
        .containsEntry("PixelFormat", "BayerRG8")
        .containsEntry("Width", 1920L)
        .containsEntry("Height", 1200L);
  }

  /**
   * Threads of the service and of Aravis callbacks; the test's own helpers (Awaitility, the JDK's
   * process reapers for the camera processes) come and go and are not counted.
   */
  private static long threads() {
    return Thread.getAllStackTraces().keySet().stream()
        .map(Thread::getName)
        .filter(n -> !n.startsWith("awaitility") && !n.startsWith("process reaper"))
        .count();
  }

  private static long openFiles() throws java.io.IOException {
    try (java.util.stream.Stream<Path> fds = java.nio.file.Files.list(Path.of("/proc/self/fd"))) {
      return fds.count();
    }
  }

  @Test
  void cameraAbsentAtStartIsPickedUpWhenItAppears() throws Exception {
    try (PekatSimulator sim = PekatSimulator.builder().port(0).build().start()) {
      String serial = BridgeHarness.serial("LATE");
      String yaml =
          BridgeHarness.config(
              BridgeHarness.camera(
                  "late", "Aravis-Fake-" + serial, sim.baseUri().toString(), dir, "frameRate: 10"));
      try (BridgeHarness harness = BridgeHarness.start(dir, yaml)) {
        CameraHealth health = harness.bridge.cameras().get(0);
        assertThat(health.state()).isEqualTo(CameraState.STARTING);
        assertThat(health.healthy()).isFalse();
        // Long enough for the reopen back-off to reach its cap: the service keeps trying.
        await()
            .during(Duration.ofSeconds(6))
            .atMost(Duration.ofSeconds(8))
            .until(() -> state(harness) == CameraState.STARTING);
        try (FakeGvCameraProcess late = FakeGvCameraProcess.builder().serial(serial).start()) {
          CameraPipeline pipeline = harness.bridge.pipelines().get(0);
          long appeared = System.nanoTime();
          await()
              .atMost(RESUME_GUARD)
              .until(
                  () ->
                      state(harness) == CameraState.STREAMING
                          && pipeline.stats().snapshot().results() >= 1);
          LOG.info(
              "absent at start: first result {} ms after the camera appeared",
              (System.nanoTime() - appeared) / 1_000_000);
        }
      }
    }
  }

  private static CameraState state(BridgeHarness harness) {
    return harness.bridge.cameras().get(0).state();
  }

  /** The service's YAML for one camera {@code id} on {@code camera}, analyzed by {@code sim}. */
  private String cameraYaml(
      String id, FakeGvCameraProcess camera, PekatSimulator sim, String... lines) {
    return BridgeHarness.config(
        BridgeHarness.camera(id, camera.deviceId(), sim.baseUri().toString(), dir, lines));
  }
}
