package io.camerabridge.tools.bench;

import io.camerabridge.bindings.aravis.fake.FakeGvCameraProcess;
import io.camerabridge.config.BridgeConfig;
import io.camerabridge.config.yaml.ConfigYaml;
import io.camerabridge.pekat.netty.ClientResources;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * {@code bench e2e --cameras 1,2,4}: for each count, that many fake GigE cameras (each on its own
 * loopback address) stream through one pipeline each, as the service runs them (one shared client
 * event loop group and results thread), each to its own in-process analyzer. With {@code
 * --compare-arv}, the same number of {@code arv-camera-test-0.8} processes then receive fresh
 * cameras with the same settings for a window of the same length, so the report can put the
 * bridge's CPU per frame next to what receiving alone costs Aravis.
 */
final class ScaleBenchmark {

  private static final long PROGRESS_EVERY_MILLIS = 2000;
  private static final long ARV_START_MILLIS = 30_000;

  private final PrintStream progress;

  ScaleBenchmark(PrintStream progress) {
    this.progress = progress;
  }

  ScaleResult run(E2eSettings settings, List<Integer> cameraCounts) throws Exception {
    MachineInfo machine = MachineInfo.current();
    List<ScaleResult.Step> steps = new ArrayList<>();
    for (int n : cameraCounts) {
      progress.printf("%d camera(s): bridge pipelines%n", n);
      ScaleResult.Bridge bridge = runBridge(settings, n);
      ArvFleet.Sample arv = null;
      if (settings.compareArv()) {
        progress.printf("%d camera(s): %d x %s%n", n, n, ArvCameraTestRun.EXECUTABLE);
        arv = runArv(settings, n);
      }
      steps.add(new ScaleResult.Step(n, bridge, arv, MachineInfo.currentLoadAverage()));
    }
    return new ScaleResult(settings, steps, machine);
  }

  private ScaleResult.Bridge runBridge(E2eSettings s, int n) throws Exception {
    List<FakeGvCameraProcess> cameras = new ArrayList<>();
    List<InProcessAnalyzer> analyzers = new ArrayList<>();
    List<CameraLane> lanes = new ArrayList<>();
    ExecutorService results = resultsThread();
    ClientResources resources = ClientResources.create();
    try {
      ConfigYaml yaml = ConfigYaml.create().metricsEnabled(false);
      for (int i = 1; i <= n; i++) {
        FakeGvCameraProcess camera = FakeGvCameraProcess.builder().serial("SCALE" + i).start();
        cameras.add(camera);
        InProcessAnalyzer analyzer = InProcessAnalyzer.start();
        analyzers.add(analyzer);
        yaml.camera(
            E2eCameraConfig.camera(
                "cam" + i, camera.address().getHostAddress(), analyzer.address(), s));
      }
      BridgeConfig config = E2eCameraConfig.load(yaml.toYaml());
      for (int i = 0; i < n; i++) {
        lanes.add(new CameraLane(cameras.get(i), config.cameras().get(i), resources, results));
      }
      lanes.forEach(CameraLane::start);
      for (CameraLane lane : lanes) {
        lane.awaitFirstResult();
      }
      pause(s.warmup(), lanes, "warm-up");
      List<E2eResult.Counts> before = counts(lanes);
      ResourceSnapshot start = ResourceSnapshot.take();
      lanes.forEach(l -> l.recording(true));
      pause(s.duration(), lanes, "measure");
      lanes.forEach(l -> l.recording(false));
      ResourceSnapshot end = ResourceSnapshot.take();
      List<E2eResult.Counts> after = counts(lanes);
      List<ScaleResult.Lane> measured = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        CameraLane lane = lanes.get(i);
        measured.add(
            new ScaleResult.Lane(
                "cam" + (i + 1),
                after.get(i).minus(before.get(i)),
                lane.latencies(),
                lane.clientFailures()));
      }
      ServerThreads servers =
          (id, name) -> analyzers.stream().anyMatch(a -> a.serverThreads().contains(id, name));
      return new ScaleResult.Bridge(measured, end.since(start, servers));
    } finally {
      // Pipelines first: a frame still in flight needs the client's event loop to end.
      lanes.forEach(CameraLane::close);
      resources.close();
      results.shutdown();
      results.awaitTermination(5, TimeUnit.SECONDS);
      analyzers.forEach(InProcessAnalyzer::close);
      cameras.forEach(FakeGvCameraProcess::close);
    }
  }

  private ArvFleet.Sample runArv(E2eSettings s, int n) throws Exception {
    List<FakeGvCameraProcess> cameras = new ArrayList<>();
    try {
      List<String> devices = new ArrayList<>();
      for (int i = 1; i <= n; i++) {
        FakeGvCameraProcess camera = FakeGvCameraProcess.builder().serial("ARV" + i).start();
        cameras.add(camera);
        devices.add(camera.address().getHostAddress());
      }
      try (ArvFleet fleet = ArvFleet.start(devices, s)) {
        fleet.awaitReceiving(ARV_START_MILLIS);
        TimeUnit.NANOSECONDS.sleep(s.warmup().toNanos());
        ArvFleet.Sample before = fleet.sample();
        TimeUnit.NANOSECONDS.sleep(s.duration().toNanos());
        return fleet.sample().minus(before);
      }
    } finally {
      cameras.forEach(FakeGvCameraProcess::close);
    }
  }

  private static List<E2eResult.Counts> counts(List<CameraLane> lanes) {
    return lanes.stream().map(CameraLane::counts).toList();
  }

  private static ExecutorService resultsThread() {
    return Executors.newSingleThreadExecutor(
        r -> {
          Thread t = new Thread(r, "results");
          t.setDaemon(true);
          return t;
        });
  }

  /** Lets the pipelines run for {@code length}, printing summed progress; not a test. */
  private void pause(Duration length, List<CameraLane> lanes, String phase)
      throws InterruptedException {
    long end = System.nanoTime() + length.toNanos();
    for (long left = length.toNanos(); left > 0; left = end - System.nanoTime()) {
      TimeUnit.NANOSECONDS.sleep(
          Math.min(left, TimeUnit.MILLISECONDS.toNanos(PROGRESS_EVERY_MILLIS)));
      long acquired = 0;
      long analyzed = 0;
      long dropped = 0;
      for (E2eResult.Counts c : counts(lanes)) {
        acquired += c.acquired();
        analyzed += c.analyzed();
        dropped += c.dropped();
      }
      progress.printf(
          "  %-8s %d camera(s): acquired %6d  analyzed %6d  dropped %4d%n",
          phase, lanes.size(), acquired, analyzed, dropped);
    }
  }
}
