package io.camerabridge.tools.bench;

import io.camerabridge.bindings.aravis.fake.FakeGvCameraProcess;
import io.camerabridge.config.BridgeConfig;
import io.camerabridge.config.CameraConfig;
import io.camerabridge.metrics.StreamStatistics;
import io.camerabridge.outputs.CameraOutputs;
import io.camerabridge.pekat.netty.ClientResources;
import io.camerabridge.pekat.netty.NettyPekatClient;
import io.camerabridge.pipeline.CameraPipeline;
import io.camerabridge.pipeline.FrameTap;
import io.camerabridge.pipeline.PipelineParts;
import io.camerabridge.pipeline.PipelineStats;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * {@code bench e2e}: a fake GigE camera ({@code arv-fake-gv-camera-0.8} on a private loopback
 * address) → the service's own camera pipeline (Aravis stream, frame thread, zero-copy client) →
 * the in-process PEKAT simulator. Optionally runs Aravis's {@code arv-camera-test-0.8} against a
 * second fake camera with the same settings, as the reference for what this machine can receive.
 */
final class E2eBenchmark {

  private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);
  private static final long PROGRESS_EVERY_MILLIS = 2000;

  private final PrintStream progress;
  private final boolean console;

  E2eBenchmark(PrintStream progress) {
    this(progress, false);
  }

  /**
   * @param console serve the console during the run, with one page watching it
   */
  E2eBenchmark(PrintStream progress, boolean console) {
    this.progress = progress;
    this.console = console;
  }

  /**
   * Runs the rounds; with {@code compareArv}, each bridge window is followed by an arv-camera-test
   * run of the same length, so both see the same machine load on average.
   */
  E2eResult run(E2eSettings settings) throws Exception {
    MachineInfo machine = MachineInfo.current();
    E2eResult.Bridge bridge = null;
    ArvCameraTestRun.Statistics arv = null;
    for (int round = 1; round <= settings.rounds(); round++) {
      progress.printf("round %d/%d: bridge pipeline%n", round, settings.rounds());
      E2eResult.Bridge b = runBridge(settings);
      bridge = bridge == null ? b : bridge.plus(b);
      if (settings.compareArv()) {
        progress.printf(
            "round %d/%d: %s against a fresh fake camera, %d s%n",
            round, settings.rounds(), ArvCameraTestRun.EXECUTABLE, settings.duration().toSeconds());
        ArvCameraTestRun.Statistics a;
        try (FakeGvCameraProcess camera = FakeGvCameraProcess.builder().start()) {
          a = ArvCameraTestRun.run(camera.address().getHostAddress(), settings);
        }
        arv = arv == null ? a : arv.plus(a);
      }
    }
    return new E2eResult(settings, bridge, arv, machine, MachineInfo.currentLoadAverage());
  }

  private E2eResult.Bridge runBridge(E2eSettings settings) throws Exception {
    ExecutorService results =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "bench-results");
              t.setDaemon(true);
              return t;
            });
    FakeGvCameraProcess.Builder cameraBuilder = FakeGvCameraProcess.builder();
    if (!settings.outputs().isEmpty()) {
      // camera-bridge's GenICam XML: the fake camera gets Line*/UserOutput* features.
      cameraBuilder.extendedGenicam();
    }
    try (InProcessAnalyzer analyzer = InProcessAnalyzer.start();
        FakeGvCameraProcess camera = cameraBuilder.start();
        ClientResources resources = ClientResources.create();
        OutputRig rig = settings.outputs().isEmpty() ? null : OutputRig.start(camera, settings)) {
      BridgeConfig file =
          E2eCameraConfig.loadAll(
              camera.address().getHostAddress(),
              analyzer.address(),
              settings,
              rig == null ? null : rig.outputsConfig());
      CameraConfig config = file.cameras().get(0);
      ConsoleWatcher watcher = console ? new ConsoleWatcher(file) : null;
      PopClock clock = new PopClock();
      TimedPekatClient client =
          new TimedPekatClient(
              NettyPekatClient.open(PipelineParts.endpoint(config.pekat()), resources), clock);
      CameraOutputs outputs;
      if (rig != null) {
        analyzer.ngEvery(3);
        outputs = rig.outputs(file);
      } else {
        outputs = CameraOutputs.create(config, Optional.empty(), new SimpleMeterRegistry());
      }
      PipelineParts parts =
          PipelineParts.create(
              config,
              client,
              clock,
              results,
              outputs,
              watcher == null ? FrameTap.NONE : watcher.tap(config.id()));
      CameraPipeline pipeline = new CameraPipeline(config, parts);
      progress.printf("pipeline: %s -> %s%n", camera, analyzer.address().baseUri());
      pipeline.start();
      if (watcher != null) {
        watcher.start(pipeline);
        progress.printf("console: served, one page watching%n");
      }
      try {
        awaitFirstResult(pipeline);
        pause(settings.warmup(), pipeline, "warm-up");
        E2eResult.Counts before = counts(pipeline, clock);
        long consoleCpu = watcher == null ? 0 : ConsoleWatcher.threadCpuNanos();
        ResourceSnapshot start = ResourceSnapshot.take();
        client.recording(true);
        if (rig != null) {
          rig.recording(true);
        }
        pause(settings.duration(), pipeline, "measure");
        client.recording(false);
        if (rig != null) {
          rig.recording(false);
        }
        ResourceSnapshot end = ResourceSnapshot.take();
        E2eResult.Counts after = counts(pipeline, clock);
        if (watcher != null) {
          E2eResult.Counts window = after.minus(before);
          double ms = (ConsoleWatcher.threadCpuNanos() - consoleCpu) / 1e6;
          progress.printf(
              "console: %.1f ms CPU in its threads over the window, %.3f ms per acquired frame%n",
              ms, ms / Math.max(1, window.acquired()));
        }
        return new E2eResult.Bridge(
            after.minus(before),
            end.since(start, analyzer.serverThreads()),
            client.latencies(),
            client.busy(),
            client.failed(),
            rig == null ? null : rig.samples(),
            rig == null ? List.of() : rig.baselines());
      } finally {
        if (watcher != null) {
          progress.printf("console: the page fetched %d previews%n", watcher.previewsFetched());
          watcher.close();
        }
        pipeline.stop(STOP_TIMEOUT);
      }
    } finally {
      results.shutdown();
      results.awaitTermination(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  static E2eResult.Counts counts(CameraPipeline pipeline, PopClock clock) {
    PipelineStats.Snapshot s = pipeline.stats().snapshot();
    StreamStatistics stream = pipeline.gauges().streamStatistics().get();
    return new E2eResult.Counts(
        System.nanoTime(),
        s.acquired(),
        s.incomplete(),
        s.sent(),
        s.ok() + s.ng() + s.noVerdict(),
        s.failed(),
        s.dropped(),
        stream.missingPackets(),
        stream.resentPackets(),
        stream.underruns(),
        clock.drops());
  }

  static void awaitFirstResult(CameraPipeline pipeline) throws InterruptedException {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (pipeline.stats().snapshot().results() == 0) {
      if (System.nanoTime() - deadline > 0) {
        throw new BenchException(
            "no frame reached the analyzer within "
                + START_TIMEOUT.toSeconds()
                + " s (camera state "
                + pipeline.state()
                + ", "
                + pipeline.stats().snapshot()
                + "); is net.core.rmem_max at least 16 MiB (scripts/install-deps.sh)?");
      }
      TimeUnit.MILLISECONDS.sleep(50);
    }
  }

  /** Lets the pipeline run for {@code length}, printing progress; a benchmark, not a test. */
  private void pause(Duration length, CameraPipeline pipeline, String phase)
      throws InterruptedException {
    long end = System.nanoTime() + length.toNanos();
    while (true) {
      long left = end - System.nanoTime();
      if (left <= 0) {
        return;
      }
      TimeUnit.NANOSECONDS.sleep(
          Math.min(left, TimeUnit.MILLISECONDS.toNanos(PROGRESS_EVERY_MILLIS)));
      PipelineStats.Snapshot s = pipeline.stats().snapshot();
      progress.printf(
          "  %-8s acquired %6d  incomplete %4d  analyzed %6d  dropped %4d  failed %4d%n",
          phase,
          s.acquired(),
          s.incomplete(),
          s.ok() + s.ng() + s.noVerdict(),
          s.dropped(),
          s.failed());
    }
  }
}
