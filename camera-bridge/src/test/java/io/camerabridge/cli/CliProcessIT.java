package io.camerabridge.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.camerabridge.bindings.aravis.fake.FakeGvCameraProcess;
import io.camerabridge.config.yaml.CameraYaml;
import io.camerabridge.config.yaml.ConfigYaml;
import io.camerabridge.support.ExitCodes;
import io.camerabridge.tools.sim.PekatSimulator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shaded jar as a user runs it: {@code demo}, and {@code run} with its exit statuses. */
class CliProcessIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void demoRunsTenSecondsAndReportsOkAndNgResults() throws Exception {
    Process demo =
        start(dir.resolve("demo.out"), "demo", "--duration", "10s", "--dir", dir.toString());
    assertThat(demo.waitFor(90, TimeUnit.SECONDS)).as("demo ended").isTrue();
    String out = Files.readString(dir.resolve("demo.out"));
    assertThat(demo.exitValue()).as(out).isZero();
    assertThat(out).contains("/metrics").contains("Summary");
    assertThat(number(out, "frames acquired (\\d+)")).isPositive();
    assertThat(number(out, "results: OK (\\d+)")).as(out).isPositive();
    assertThat(number(out, ", NG (\\d+)")).as(out).isPositive();
    assertThat(Files.readAllLines(dir.resolve("demo.jsonl"))).isNotEmpty();
  }

  @Test
  void runRefusesAnInvalidConfigurationWithStatusTwo() throws Exception {
    Path config = dir.resolve("bad.yaml");
    Files.writeString(config, "cameras:\n  - id: a\n    devise: x\n");
    Process run = start(dir.resolve("run.out"), "run", "--config", config.toString());
    assertThat(run.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String out = Files.readString(dir.resolve("run.out"));
    assertThat(run.exitValue()).as(out).isEqualTo(ExitCodes.USAGE);
    assertThat(out).contains(config + ":3:").contains("devise").contains("was not started");
  }

  @Test
  void sigtermStopsCleanlyWithStatusZeroAndACompleteJournal() throws Exception {
    try (FakeGvCameraProcess camera =
            FakeGvCameraProcess.builder()
                .serial("TERM" + (System.nanoTime() / 1000 % 1_000_000))
                .start();
        PekatSimulator sim = PekatSimulator.builder().port(0).build().start()) {
      Path journal = dir.resolve("term.jsonl");
      Path config = dir.resolve("run.yaml");
      ConfigYaml.create()
          .metricsListen("127.0.0.1:0")
          .drainTimeout("2s")
          .camera(
              CameraYaml.of("term", camera.deviceId())
                  .pixelFormat("BayerRG8")
                  .size(1920, 1200)
                  .frameRate(20)
                  .pekat(sim.baseUri())
                  .journal(journal))
          .write(config);
      Process run = start(dir.resolve("run.out"), "run", "--config", config.toString());
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> Files.exists(journal) && Files.readAllLines(journal).size() >= 5);

      run.destroy(); // SIGTERM
      // A liveness guard, not a timing claim: the shutdown steps are bounded (docs/reliability.md),
      // so a hang shows here as no exit at all; how long a stop takes is not this test's business.
      assertThat(run.waitFor(30, TimeUnit.SECONDS)).as("exited after SIGTERM").isTrue();
      String out = Files.readString(dir.resolve("run.out"));
      assertThat(run.exitValue()).as(out).isZero();
      assertThat(out.indexOf("camera-bridge stopping"))
          .as("stopping, then stopped: %s", out)
          .isNotNegative()
          .isLessThan(out.indexOf("camera-bridge stopped"));
      for (String line : Files.readAllLines(journal)) {
        assertThat(JSON.readTree(line).get("frameId")).as(line).isNotNull();
      }
    }
  }

  @Test
  void theApiKeyAppearsNowhereInLogsMetricsOrHealthWhateverTheAnalyzerDoes() throws Exception {
    String secret = "S3cr3t-" + System.nanoTime();
    try (FakeGvCameraProcess camera =
            FakeGvCameraProcess.builder()
                .serial("KEY" + (System.nanoTime() / 1000 % 1_000_000))
                .start();
        PekatSimulator sim =
            PekatSimulator.builder()
                .port(0)
                .apiKey(io.camerabridge.pekat.ApiKey.of(secret))
                .build()
                .start()) {
      Path config = dir.resolve("key.yaml");
      ConfigYaml.create()
          .metricsListen("127.0.0.1:0")
          .drainTimeout("1s")
          .camera(
              CameraYaml.of("keyed", camera.deviceId())
                  .pixelFormat("BayerRG8")
                  .size(640, 480)
                  .frameRate(10)
                  .pekat(sim.baseUri())
                  .pekat("apiKey", "${PEKAT_API_KEY}")
                  .pekat("timeout", "1s"))
          .write(config);
      Path output = dir.resolve("key.out");
      Process run =
          start(output, Map.of("PEKAT_API_KEY", secret), "run", "--config", config.toString());
      try {
        await()
            .atMost(Duration.ofSeconds(60))
            .until(
                () -> sim.stats().count(io.camerabridge.tools.sim.Endpoint.ANALYZE_RAW_IMAGE) >= 3);
        // Every fault, each answered or failed with the key in the request.
        for (io.camerabridge.tools.sim.Fault fault : io.camerabridge.tools.sim.Fault.values()) {
          if (fault == io.camerabridge.tools.sim.Fault.REFUSE_CONNECTIONS
              || fault == io.camerabridge.tools.sim.Fault.NONE) {
            continue;
          }
          // Faults apply to analyze requests only: /ping checks must not count as the two.
          long before = analyzed(sim);
          sim.injectFault(fault, 2);
          await().atMost(Duration.ofSeconds(20)).until(() -> analyzed(sim) >= before + 2);
        }
        String port =
            matched(Files.readString(output), "metrics at http://127\\.0\\.0\\.1:(\\d+)/");
        String metrics = http("http://127.0.0.1:" + port + "/metrics");
        String health = http("http://127.0.0.1:" + port + "/health");
        assertThat(metrics).contains("camerabridge_results").doesNotContain(secret);
        assertThat(health).contains("keyed").doesNotContain(secret);
      } finally {
        run.destroy();
        run.waitFor(30, TimeUnit.SECONDS);
      }
      String logs = Files.readString(output);
      assertThat(logs).contains("camera-bridge stopped").doesNotContain(secret);
    }
  }

  private static long analyzed(PekatSimulator sim) {
    return sim.stats().count(io.camerabridge.tools.sim.Endpoint.ANALYZE_RAW_IMAGE);
  }

  private static String http(String url) throws Exception {
    java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
    return client
        .send(
            java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).build(),
            java.net.http.HttpResponse.BodyHandlers.ofString())
        .body();
  }

  private static String matched(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    assertThat(m.find()).as("'%s' in:%n%s", regex, text).isTrue();
    return m.group(1);
  }

  private static long number(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    assertThat(m.find()).as("'%s' in:%n%s", regex, text).isTrue();
    return Long.parseLong(m.group(1));
  }

  private static Process start(Path output, String... args) throws IOException {
    return start(output, Map.of(), args);
  }

  private static Process start(Path output, Map<String, String> env, String... args)
      throws IOException {
    String jar = System.getProperty("camerabridge.jar");
    assertThat(jar).as("system property camerabridge.jar (set by Failsafe)").isNotBlank();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-jar");
    command.add(jar);
    command.addAll(List.of(args));
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
    builder.environment().putAll(env);
    return builder.start();
  }
}
