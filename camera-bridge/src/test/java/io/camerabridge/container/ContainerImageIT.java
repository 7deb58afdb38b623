package io.camerabridge.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.camerabridge.bindings.aravis.fake.FakeGvCameraProcess;
import io.camerabridge.tools.sim.Endpoint;
import io.camerabridge.tools.sim.Outcome;
import io.camerabridge.tools.sim.PekatSimulator;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.output.Slf4jLogConsumer;
import org.testcontainers.containers.startupcheck.OneShotStartupCheckStrategy;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.MountableFile;

/**
 * The container image, built from {@code docker/Dockerfile} and run for real on the host network.
 *
 * <p>Skipped where no container engine answers; CI provides one ({@code
 * scripts/container-engine.sh}) and checks that this test ran ({@code
 * scripts/check-container-test-ran.sh}).
 */
@Testcontainers(disabledWithoutDocker = true)
class ContainerImageIT {

  private static final Logger LOG = LoggerFactory.getLogger(ContainerImageIT.class);

  private static final Duration ONE_SHOT_TIMEOUT = Duration.ofSeconds(120);
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
  private static final int FRAMES = 10;
  private static final String CAMERA_LABEL = "camera=\"" + BridgeConfigFile.CAMERA_ID + "\"";
  private static final Pattern METRICS_AT = Pattern.compile("metrics at (http://[^/\\s]+)/metrics");
  private static final Pattern SIM_LISTENING =
      Pattern.compile("pekat-sim listening on (http://\\S+?)/? ");

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @Test
  void theCliRunsAsTheNonRootUser() {
    try (GenericContainer<?> cli =
        oneShot("id -un && id -u && camera-bridge --version", new GenericContainer<>(image()))) {
      cli.start();

      String[] lines = cli.getLogs().strip().split("\n");
      assertThat(lines[0]).isEqualTo("camera-bridge");
      assertThat(Integer.parseInt(lines[1].strip())).isNotZero();
      assertThat(lines[2]).startsWith("camera-bridge ");
      assertThat(String.join("\n", lines)).contains("Java 17");
    }
  }

  @Test
  void checkConfigAcceptsAConfigMountedWhereTheEntrypointReadsIt(@TempDir Path dir)
      throws IOException {
    try (FakeGvCameraProcess camera = FakeGvCameraProcess.start();
        PekatSimulator simulator = PekatSimulator.builder().port(0).build().start()) {
      Path config = BridgeConfigFile.write(dir, camera.address(), simulator.baseUri(), 0);
      try (GenericContainer<?> check =
          oneShot(
              "camera-bridge check-config " + BridgeConfigFile.CONTAINER_PATH,
              new GenericContainer<>(image())
                  // Copied rather than bind-mounted: before a bind mount Testcontainers probes the
                  // engine with an alpine container, which cannot be pulled without a registry.
                  // 0644 because the image runs as uid 10001, not as the file's owner.
                  .withCopyFileToContainer(
                      MountableFile.forHostPath(config, 0644), BridgeConfigFile.CONTAINER_PATH))) {
        check.start();

        assertThat(check.getLogs()).contains(BridgeConfigFile.CAMERA_ID);
      }
    }
  }

  @Test
  void theSimulatorInTheImageAnswersOnTheHostNetwork() throws Exception {
    try (GenericContainer<?> sim =
        new GenericContainer<>(image())
            .withNetworkMode("host")
            .withCreateContainerCmdModifier(
                cmd -> cmd.withEntrypoint("camera-bridge", "pekat-sim", "--port", "0"))
            .waitingFor(
                Wait.forLogMessage(".*pekat-sim listening on .*", 1)
                    .withStartupTimeout(START_TIMEOUT))) {
      sim.start();

      Matcher listening = SIM_LISTENING.matcher(sim.getLogs());
      assertThat(listening.find()).as("listening line in %s", sim.getLogs()).isTrue();
      HttpResponse<String> ping =
          http.send(
              HttpRequest.newBuilder(URI.create(listening.group(1) + "/ping")).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(ping.statusCode()).isEqualTo(200);
    }
  }

  @Test
  void theBridgeStreamsAFakeGigECameraToTheSimulatorAndStopsCleanly(@TempDir Path dir)
      throws Exception {
    try (FakeGvCameraProcess camera = FakeGvCameraProcess.start();
        PekatSimulator simulator = PekatSimulator.builder().port(0).build().start()) {
      Path config = BridgeConfigFile.write(dir, camera.address(), simulator.baseUri(), 0);
      try (GenericContainer<?> bridge =
          new GenericContainer<>(image())
              .withNetworkMode("host")
              .withCopyFileToContainer(
                  MountableFile.forHostPath(config, 0644), BridgeConfigFile.CONTAINER_PATH)
              .withLogConsumer(new Slf4jLogConsumer(LOG).withPrefix("bridge"))
              .waitingFor(
                  Wait.forLogMessage(".*camera-bridge started.*", 1)
                      .withStartupTimeout(START_TIMEOUT))) {
        bridge.start();
        URI status = statusUri(bridge.getLogs());

        await("/health answers 200 (every camera streaming)")
            .atMost(START_TIMEOUT)
            .until(() -> get(status.resolve("/health")).statusCode(), code -> code == 200);
        ExecResult probe =
            bridge.execInContainer("bash", "-c", composeHealthProbe(status.getPort()));
        assertThat(probe.getExitCode()).as("compose health probe: %s", probe).isZero();
        PrometheusText metrics =
            await("frames acquired and analysed, seen in /metrics")
                .atMost(START_TIMEOUT)
                .until(
                    () -> new PrometheusText(get(status.resolve("/metrics")).body()),
                    m ->
                        m.sum("camerabridge_frames_acquired_total", CAMERA_LABEL) >= FRAMES
                            && verdicts(m) >= FRAMES);
        assertThat(simulator.stats().count(Endpoint.ANALYZE_RAW_IMAGE, Outcome.OK))
            .as("frames the simulator analysed")
            .isGreaterThanOrEqualTo(FRAMES);

        ContainerExit exit = ContainerExit.stop(bridge, STOP_TIMEOUT);

        assertThat(exit.code()).as("exit code after SIGTERM; log:%n%s", exit.log()).isZero();
        assertThat(exit.lastLine()).endsWith("camera-bridge stopped");
        assertThat(metrics.sum("camerabridge_frames_acquired_total", CAMERA_LABEL))
            .isGreaterThanOrEqualTo(FRAMES);
      }
    }
  }

  /** Results with a verdict (OK or NG) for the test's camera. */
  private static double verdicts(PrometheusText metrics) {
    return metrics.sum("camerabridge_results_total", CAMERA_LABEL, "outcome=\"ok\"")
        + metrics.sum("camerabridge_results_total", CAMERA_LABEL, "outcome=\"ng\"");
  }

  /**
   * The health check command of {@code docker/compose.yaml}, aimed at {@code port} instead of the
   * default 9400: the image has no HTTP client, so the probe must work with what the image has.
   */
  private static String composeHealthProbe(int port) throws IOException {
    Path compose = Path.of(System.getProperty("camerabridge.root"), "docker/compose.yaml");
    String probe =
        Files.readAllLines(compose).stream()
            .map(String::strip)
            .filter(line -> line.startsWith("- exec 3<>/dev/tcp/127.0.0.1/9400 "))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no /dev/tcp health probe in " + compose))
            .substring(2);
    return probe.replace("/9400 ", "/" + port + " ");
  }

  /** The status server's base URI, from the bridge's start-up line (the port is picked at run). */
  private static URI statusUri(String log) {
    Matcher m = METRICS_AT.matcher(log);
    assertThat(m.find()).as("'metrics at' in the start-up log:%n%s", log).isTrue();
    return URI.create(m.group(1));
  }

  private HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /**
   * Runs {@code script} with sh instead of the entrypoint and waits for it to exit with 0. On the
   * host network like every container here: the tier then needs no container network stack (bridge,
   * firewall rules) on the CI machine.
   */
  private static GenericContainer<?> oneShot(String script, GenericContainer<?> container) {
    return container
        .withNetworkMode("host")
        .withCreateContainerCmdModifier(cmd -> cmd.withEntrypoint("sh", "-c", script))
        .withStartupCheckStrategy(new OneShotStartupCheckStrategy().withTimeout(ONE_SHOT_TIMEOUT));
  }

  private static Future<String> image() {
    return CameraBridgeImage.get();
  }
}
