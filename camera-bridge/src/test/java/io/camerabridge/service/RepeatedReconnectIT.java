package io.camerabridge.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.camerabridge.bindings.aravis.fake.FakeGvCameraProcess;
import io.camerabridge.ops.CameraState;
import io.camerabridge.pipeline.CameraPipeline;
import io.camerabridge.tools.sim.PekatSimulator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The camera process killed and started again, over and over, in one run: every cycle ends
 * streaming with the configuration applied, and afterwards the threads, open file descriptors and
 * stream buffers are back where they were after the first connect.
 *
 * <p>Each cycle must stream again through a new session (the dead session's ~10 s tear-down runs
 * meanwhile on the pipeline's teardown thread); the time from each restart to the first result is
 * logged as a measurement, not asserted (a loaded 2-core host stretches it). Default 10 cycles;
 * {@code -Dreliability.reconnectCycles=N} for more.
 */
class RepeatedReconnectIT {
  private static final Logger LOG = LoggerFactory.getLogger(RepeatedReconnectIT.class);
  private static final int CYCLES = Integer.getInteger("reliability.reconnectCycles", 10);
  private static final int BUFFERS = 6;

  /** Unique per run: a camera left over from a crashed run must not answer for this one. */
  private static final String SERIAL = "REPEAT" + ProcessHandle.current().pid();

  @TempDir Path dir;

  @Test
  void killedAndRestartedRepeatedlyLeavesNothingBehind() throws Exception {
    try (FaultRig rig = FaultRig.attach();
        PekatSimulator sim = FaultRig.simulator().build().start()) {
      FakeGvCameraProcess camera = FakeGvCameraProcess.builder().serial(SERIAL).start();
      try (BridgeHarness h =
          BridgeHarness.start(
              dir,
              FaultRig.config(
                  "repeat",
                  camera.deviceId(),
                  sim.baseUri(),
                  dir,
                  10,
                  List.of(),
                  List.of("buffers: " + BUFFERS)))) {
        CameraPipeline pipeline = h.bridge.pipelines().get(0);
        awaitStreaming(pipeline, Duration.ofSeconds(60));
        rig.get(h.bridge, "/metrics"); // the scraping client's own threads exist from here on
        int threads = 0;
        int fds = 0;
        Set<String> names = Set.of();

        long start = System.nanoTime();
        int done = 0;
        List<Long> resumeMillis = new java.util.ArrayList<>();
        while (done < CYCLES) {
          camera.kill();
          // The frame watchdog (frameTimeout 2 s at 10 fps) notices within ~2.25 s; margin for
          // load.
          try {
            await()
                .atMost(Duration.ofSeconds(6))
                .until(() -> pipeline.state() == CameraState.RECONNECTING);
          } catch (org.awaitility.core.ConditionTimeoutException e) {
            Thread.getAllStackTraces()
                .forEach(
                    (t, st) -> {
                      if (t.getName().contains("repeat")) {
                        LOG.error("{}: {}", t.getName(), java.util.Arrays.toString(st));
                      }
                    });
            throw e;
          }
          // Read before the camera is back: the reopen can be counted before the next line runs.
          long reconnectsBefore = pipeline.stats().snapshot().reconnects();
          camera.close();
          camera = FakeGvCameraProcess.builder().serial(SERIAL).start();
          long back = System.nanoTime();
          long resultsBefore = pipeline.stats().snapshot().results();
          await()
              .atMost(Duration.ofSeconds(40)) // a guard against a hang, not a bound
              .until(() -> pipeline.stats().snapshot().results() > resultsBefore);
          resumeMillis.add((System.nanoTime() - back) / 1_000_000);
          // Results resume through a new session: the reconnect is counted by the first result.
          assertThat(pipeline.stats().snapshot().reconnects()).isEqualTo(reconnectsBefore + 1);
          awaitStreaming(pipeline, Duration.ofSeconds(40));
          done++;
          if (done == 1) {
            // After the first cycle: the binding's shared control-lost thread exists from then on.
            threads = FaultRig.threads();
            fds = FaultRig.openFds();
            names = threadNames();
            LOG.info("baseline after the first cycle: {} threads, {} open fds", threads, fds);
          }
          LOG.info(
              "cycle {}: {} threads, {} open fds, {} s since start",
              done,
              FaultRig.threads(),
              FaultRig.openFds(),
              (System.nanoTime() - start) / 1_000_000_000L);
        }
        LOG.info(
            "{} kill/restart cycles in {} s; first result after the camera's restart (ms): {}",
            done,
            (System.nanoTime() - start) / 1e9,
            resumeMillis);
        assertThat(pipeline.stats().snapshot().reconnects()).isEqualTo(done);

        Long width = widthOf(pipeline);
        assertThat(width).isEqualTo(640L);
        // Threads and fds settle back (Aravis and the JDK may keep a helper or two meanwhile).
        int baseThreads = threads;
        int baseFds = fds;
        Set<String> baseNames = names;
        await()
            .atMost(Duration.ofSeconds(20))
            .untilAsserted(
                () -> {
                  Set<String> added = new TreeSet<>(threadNames());
                  added.removeAll(baseNames);
                  assertThat(FaultRig.threads())
                      .as("threads; new since the first cycle: %s", added)
                      .isLessThanOrEqualTo(baseThreads + 2);
                  assertThat(FaultRig.openFds()).isLessThanOrEqualTo(baseFds + 4);
                  assertThat(
                          rig.metric(h.bridge, "camerabridge_buffers_free")
                              + rig.metric(h.bridge, "camerabridge_frames_in_flight"))
                      .isEqualTo(BUFFERS);
                  assertThat(pipeline.leases().outstanding()).isLessThanOrEqualTo(1);
                });
        h.close();
        assertThat(pipeline.leases().outstanding()).isZero();
        assertThat(pipeline.leases().returnedTotal()).isEqualTo(pipeline.leases().wrappedTotal());
      } finally {
        camera.close();
      }
      rig.assertNoNettyLeaks();
      rig.assertNoSecret();
    }
  }

  private static void awaitStreaming(CameraPipeline pipeline, Duration atMost) {
    long results = pipeline.stats().snapshot().results();
    await()
        .atMost(atMost)
        .until(
            () ->
                pipeline.state() == CameraState.STREAMING
                    && pipeline.stats().snapshot().results() >= results + 3);
  }

  private static Set<String> threadNames() {
    Set<String> names = new TreeSet<>();
    Thread.getAllStackTraces().keySet().forEach(t -> names.add(t.getName()));
    return names;
  }

  private static Long widthOf(CameraPipeline pipeline) throws Exception {
    Long[] width = new Long[1];
    pipeline.withCamera(c -> width[0] = c.features().getInteger("Width")).get();
    return width[0];
  }
}
