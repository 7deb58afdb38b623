package io.camerabridge.tools.demo;

import io.camerabridge.bindings.systemd.SystemdNotifier;
import io.camerabridge.config.BridgeConfig;
import io.camerabridge.config.ConfigException;
import io.camerabridge.config.ConfigLoader;
import io.camerabridge.pipeline.CameraPipeline;
import io.camerabridge.pipeline.PipelineStats;
import io.camerabridge.service.Bridge;
import io.camerabridge.service.ShutdownSequence;
import io.camerabridge.support.DurationConverter;
import io.camerabridge.support.ExitCodes;
import io.camerabridge.tools.sim.PekatSimulator;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code camera-bridge demo}: the whole product on one machine with nothing else set up — the
 * built-in PEKAT simulator, a fake camera, and the real pipeline of {@code run}, driven by a
 * configuration file the demo writes.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Runs camera-bridge end to end on this machine: starts the built-in PEKAT simulator and a",
      "fake camera (the GigE Vision simulator arv-fake-gv-camera-0.8 when installed, otherwise",
      "Aravis's in-process Fake camera) streaming BayerRG8 1920x1200 frames, writes a",
      "configuration for them and runs it with the same code as 'run'. Some frames carry",
      "synthetic defects (the camera's exposure is raised now and then, so bright regions",
      "appear) and come back NG. Prints one status line per second and a summary at the end."
    },
    footer = {
      "",
      "Examples:",
      "  camera-bridge demo                      # 30 s",
      "  camera-bridge demo --duration 2m --frame-rate 20",
      "  camera-bridge demo --dir /tmp/cb-demo   # keep the config, journal and NG images there",
      "",
      "Press Ctrl-C to stop early; the summary is still printed."
    })
public final class DemoCommand implements Callable<Integer> {

  @Spec private CommandSpec spec;

  @Option(
      names = "--duration",
      defaultValue = "30s",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description = "How long to run, e.g. 30s, 2m (default: ${DEFAULT-VALUE}).")
  private Duration duration;

  @Option(
      names = "--frame-rate",
      defaultValue = "10",
      paramLabel = "FPS",
      description = "Camera frame rate in frames per second (default: ${DEFAULT-VALUE}).")
  private double frameRate;

  @Option(
      names = "--dir",
      paramLabel = "DIR",
      description = "Where to write the config, journal and NG images (default: a new temp dir).")
  private Path dir;

  @Option(
      names = "--in-process-camera",
      description = "Use Aravis's in-process Fake camera even if the GigE simulator is installed.")
  private boolean inProcessCamera;

  @Override
  public Integer call() throws IOException, InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    Path workDir =
        dir != null ? Files.createDirectories(dir) : Files.createTempDirectory("cb-demo");
    CountDownLatch done = new CountDownLatch(1);
    ShutdownSequence.onSignals(done::countDown);
    try (PekatSimulator sim =
            PekatSimulator.builder()
                .host("127.0.0.1")
                .port(0)
                .brightThreshold(DefectInjector.THRESHOLD)
                .build()
                .start();
        DemoCamera camera = DemoCamera.start(!inProcessCamera)) {
      Path configFile = workDir.resolve("demo.yaml");
      Files.writeString(
          configFile,
          DemoConfig.yaml(camera.deviceId(), sim.baseUri(), workDir, frameRate, camera.isGige()));
      BridgeConfig config;
      try {
        config = new ConfigLoader(Map.of()).load(configFile);
      } catch (ConfigException e) {
        throw new IllegalStateException("the demo wrote an invalid configuration: " + e, e);
      }
      Bridge bridge = new Bridge(config, SystemdNotifier.disabled());
      bridge.start();
      ScheduledExecutorService timer =
          Executors.newSingleThreadScheduledExecutor(
              r -> {
                Thread t = new Thread(r, "demo-status");
                t.setDaemon(true);
                return t;
              });
      try {
        printHeader(out, sim, camera, bridge, configFile);
        CameraPipeline pipeline = bridge.pipelines().get(0);
        new DefectInjector(pipeline).start(timer, Duration.ofSeconds(1));
        StatusPrinter status = new StatusPrinter(out, bridge.pipelines());
        timer.scheduleAtFixedRate(status::tick, 1, 1, TimeUnit.SECONDS);
        done.await(duration.toMillis(), TimeUnit.MILLISECONDS);
      } finally {
        timer.shutdownNow();
        timer.awaitTermination(5, TimeUnit.SECONDS);
        bridge.stop();
      }
      PipelineStats.Snapshot total = bridge.pipelines().get(0).stats().snapshot();
      printSummary(out, total, sim, workDir);
      return total.results() > 0 ? ExitCodes.OK : ExitCodes.FAILURE;
    }
  }

  private static void printHeader(
      PrintWriter out, PekatSimulator sim, DemoCamera camera, Bridge bridge, Path configFile) {
    out.println("camera-bridge demo");
    out.println("  camera:    " + camera.describe());
    out.println("  analyzer:  built-in PEKAT simulator at " + sim.baseUri());
    out.println("  config:    " + configFile);
    bridge
        .statusAddress()
        .ifPresent(
            a ->
                out.println(
                    "  metrics:   http://"
                        + a.getAddress().getHostAddress()
                        + ":"
                        + a.getPort()
                        + "/metrics   (health: /health)"));
    bridge
        .consoleUrl()
        .ifPresent(u -> out.println("  console:   " + u + "   (open it in a browser)"));
    out.println("Press Ctrl-C to stop early.");
    out.flush();
  }

  private static void printSummary(
      PrintWriter out, PipelineStats.Snapshot s, PekatSimulator sim, Path workDir) {
    out.println();
    out.println("Summary");
    out.println(
        String.format(
            Locale.ROOT,
            "  frames acquired %d (incomplete %d), sent %d, dropped %d",
            s.acquired(),
            s.incomplete(),
            s.sent(),
            s.dropped()));
    out.println(
        String.format(
            Locale.ROOT,
            "  results: OK %d, NG %d, no verdict %d, failed %d; latency p50 %.1f ms, p99 %.1f ms",
            s.ok(),
            s.ng(),
            s.noVerdict(),
            s.failed(),
            s.p50Millis(),
            s.p99Millis()));
    out.println("  simulator answered " + sim.stats().total() + " request(s)");
    out.println("  journal:   " + workDir.resolve(DemoConfig.CAMERA_ID + ".jsonl"));
    out.println("  NG images: " + workDir.resolve("ng"));
    out.flush();
  }
}
