package io.camerabridge.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs each bench command of the shipped jar for about a second, so the benchmarks cannot rot.
 * Figures are not judged here (benchmarks are not tests); only that they are produced and parse.
 */
class BenchSmokeIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void clientBenchPrintsFiguresForTheBridgeAndBothBaselinesAndDrawsTheChart() throws Exception {
    Path chart = dir.resolve("chart.png");
    Run run =
        run(
            "bench",
            "client",
            "--sizes",
            "320x240:Mono8,640x480:BayerRG8",
            "--frames",
            "100",
            "--duration",
            "1s",
            "--warmup",
            "20",
            "--rounds",
            "1",
            "--baseline",
            "socket,jdk",
            "--json",
            "--chart",
            chart.toString());

    assertThat(run.status).as(run.err).isZero();
    List<JsonNode> sizes = new ArrayList<>();
    for (String line : run.out.strip().split("\\R")) {
      sizes.add(JSON.readTree(line));
    }
    assertThat(sizes).hasSize(2);
    for (JsonNode size : sizes) {
      assertFigures(size);
      assertFigures(size.path("baselines").path("socket"));
      assertFigures(size.path("baselines").path("jdk"));
      assertThat(size.path("ratios").path("socket").path("frames_per_s").asDouble()).isPositive();
      assertThat(size.path("ratios").path("jdk").path("cpu_s_per_frame").asDouble()).isPositive();
    }
    assertThat(sizes.get(1).path("format").asText()).isEqualTo("BayerRG8");
    assertThat(ImageIO.read(chart.toFile()).getWidth()).isPositive();
  }

  @Test
  void e2eBenchStreamsAFakeCameraThroughThePipelineAndRunsArvCameraTest() throws Exception {
    Run run =
        run(
            "bench",
            "e2e",
            "--width",
            "640",
            "--height",
            "480",
            "--format",
            "Mono8",
            "--fps",
            "20",
            "--packet-size",
            "1400",
            "--duration",
            "1s",
            "--warmup",
            "1s",
            "--compare-arv",
            "--json");

    assertThat(run.status).as(run.err).isZero();
    JsonNode result = JSON.readTree(run.out);
    assertThat(result.path("frames_analyzed").asLong()).as(run.out).isPositive();
    assertThat(result.path("fps_analyzed").asDouble()).isPositive();
    assertThat(result.path("lost_camera_side").path("total").isNumber()).isTrue();
    assertThat(result.path("lost_bridge_side").path("total").isNumber()).isTrue();
    JsonNode written = result.path("latency_ms").path("buffer_filled_to_body_written");
    assertThat(written.path("p50").asDouble()).isPositive();
    assertThat(written.path("p99").isNumber()).isTrue();
    assertThat(result.path("cpu_s_per_frame").asDouble()).isPositive();
    assertThat(result.has("heap_bytes_per_frame")).isTrue();
    // One second after the JVM started, the JIT is still compiling the frame path: the report says
    // so, and it is what a latency tail measured that early includes.
    assertThat(result.path("jit_compile_ms").asLong()).isPositive();
    assertThat(result.path("gc_collections").isNumber()).isTrue();
    assertThat(result.path("arv_camera_test").path("frames_complete").asLong()).isPositive();
    assertThat(result.path("ratio_to_arv").asDouble()).isPositive();
  }

  @Test
  void e2eBenchWithOutputsCountsEveryDeliveryAndMeasuresTheBareBaselines() throws Exception {
    Run run = outputsRun("--outputs", "--baselines");

    // Exit 0 only when no output lost, duplicated or reordered a part.
    assertThat(run.status).as(run.err).isZero();
    JsonNode outputs = JSON.readTree(run.out).path("outputs");
    assertThat(outputs.path("parts").asLong()).as(run.out).isPositive();
    assertThat(outputs.path("exact").asBoolean()).isTrue();
    for (String type : List.of("line", "mqtt", "webhook")) {
      JsonNode o = outputs.path(type);
      assertThat(o.path("lost").asLong()).as(type).isZero();
      assertThat(o.path("duplicated").asLong()).as(type).isZero();
      assertThat(o.path("added_ms").path("p99").isNumber()).as(type).isTrue();
      assertThat(o.path("decided_to_started_ms").path("p50").isNumber()).as(type).isTrue();
    }
    assertThat(outputs.path("mqtt").path("expected").asLong())
        .isEqualTo(outputs.path("parts").asLong());
    for (String type : List.of("line", "mqtt")) {
      JsonNode bare = outputs.path(type).path("baseline");
      assertThat(bare.path("round_trip_ms").path("p50").asDouble()).as(run.out).isPositive();
    }
  }

  @Test
  void e2eBenchWithNamedOutputsFiresAndReportsOnlyThose() throws Exception {
    Run run = outputsRun("--outputs", "line");

    assertThat(run.status).as(run.err).isZero();
    JsonNode outputs = JSON.readTree(run.out).path("outputs");
    assertThat(outputs.path("exact").asBoolean()).as(run.out).isTrue();
    // Every third part NG: the line fires on those, and nothing else is configured or measured.
    assertThat(outputs.path("line").path("expected").asLong())
        .isEqualTo(outputs.path("ng").asLong())
        .isPositive();
    assertThat(outputs.path("line").path("baseline").isMissingNode()).isTrue();
    assertThat(outputs.has("mqtt")).isFalse();
    assertThat(outputs.has("webhook")).isFalse();
  }

  @Test
  void e2eCameraSweepRunsTwoCamerasAtOnceAndTheirArvCameraTestTwins() throws Exception {
    Run run =
        run(
            "bench",
            "e2e",
            "--cameras",
            "1,2",
            "--width",
            "320",
            "--height",
            "240",
            "--format",
            "Mono8",
            "--fps",
            "10",
            "--duration",
            "1s",
            "--warmup",
            "1s",
            "--compare-arv",
            "--chart",
            dir.resolve("scale.png").toString(),
            "--json");

    assertThat(run.status).as(run.err).isZero();
    assertThat(ImageIO.read(dir.resolve("scale.png").toFile())).as(run.err).isNotNull();
    JsonNode steps = JSON.readTree(run.out).path("steps");
    assertThat(steps).as(run.out).hasSize(2);
    for (int i = 0; i < 2; i++) {
      JsonNode step = steps.get(i);
      assertThat(step.path("cameras").asInt()).isEqualTo(i + 1);
      assertThat(step.path("cameras_detail")).hasSize(i + 1);
      for (JsonNode camera : step.path("cameras_detail")) {
        assertThat(camera.path("analyzed_per_second").asDouble()).as(step.toString()).isPositive();
      }
      assertThat(step.path("bridge_cpu_ms_per_frame").asDouble()).isPositive();
      assertThat(step.path("arv_frames").asLong()).as(step.toString()).isPositive();
      assertThat(step.path("bridge_to_arv_cpu_ratio").asDouble()).isPositive();
    }
  }

  @Test
  void e2eWithTwoAnalyzersSpreadsFramesAndSurvivesOneBeingKilledAndRestarted() throws Exception {
    Run run =
        run(
            "bench",
            "e2e",
            "--analyzers",
            "2",
            "--analysis-latency",
            "40ms",
            "--width",
            "320",
            "--height",
            "240",
            "--format",
            "Mono8",
            "--fps",
            "20",
            "--warmup",
            "1s",
            "--kill-analyzer-after",
            "1s",
            "--restart-after",
            "1s",
            "--busy-wait",
            "45ms",
            "--json");

    assertThat(run.status).as(run.err).isZero();
    // A benchmark's stdout is its report alone: the kill's warnings go to stderr.
    assertThat(run.err).as("the kill is logged, on stderr").contains("taken out");
    JsonNode result = JSON.readTree(run.out.strip());
    assertThat(result.path("perInstance")).as(run.out).hasSize(2);
    for (JsonNode instance : result.path("perInstance")) {
      assertThat(instance.path("analysed").asLong()).as(run.out).isPositive();
    }
    assertThat(result.path("target").asDouble()).isEqualTo(0.95 * 20);
    assertThat(result.path("busyWaitMs").asLong())
        .as("--busy-wait reaches the camera")
        .isEqualTo(45);
    JsonNode failover = result.path("failover");
    assertThat(failover.path("killed").asText())
        .isEqualTo(result.path("perInstance").get(1).path("analyzer").asText());
    assertThat(failover.path("survivorPerSecond").asDouble()).as(run.out).isPositive();
    assertThat(failover.path("pingToReadyMs").asLong()).as("re-admitted").isNotNegative();
  }

  private static void assertFigures(JsonNode node) {
    assertThat(node.path("frames").asLong()).as(node.toString()).isPositive();
    assertThat(node.path("frames_per_s").asDouble()).isPositive();
    assertThat(node.path("mb_per_s").asDouble()).isPositive();
    assertThat(node.path("latency_ms").path("p50").asDouble()).isPositive();
    assertThat(node.path("latency_ms").path("p999").isNumber()).isTrue();
    assertThat(node.path("cpu_s_per_frame").isNumber()).isTrue();
    assertThat(node.has("heap_bytes_per_frame")).isTrue();
    assertThat(node.path("heap_bytes_per_frame").asDouble()).isPositive();
  }

  @Test
  void plcBenchRunsTheHandshakeOverModbusAndOpcUaAndCountsEveryOutcome() throws Exception {
    Run run =
        run(
            "bench",
            "plc",
            "--duration",
            "3s",
            "--warmup",
            "1s",
            "--fps",
            "20",
            "--handshake",
            "queue",
            "--ack-after",
            "5ms",
            "--json");

    assertThat(run.status).as(run.err).isZero();
    JsonNode r = JSON.readTree(run.out.strip());
    assertThat(r.path("modbus").path("seen").asInt()).isPositive();
    assertThat(r.path("modbus").path("p99_ms").asDouble()).isPositive();
    assertThat(r.path("opcua").path("seen").asInt()).isPositive();
    assertThat(r.path("lost").asLong()).isZero();
    assertThat(r.path("out_of_order").asLong()).isZero();
    assertThat(r.path("exact").asBoolean()).isTrue();
  }

  /** A short JSON {@code bench e2e} of a small camera at 20 fps with the given output options. */
  private Run outputsRun(String... outputOptions) throws IOException, InterruptedException {
    String small = "bench e2e --width 320 --height 240 --format Mono8 --fps 20 --duration 2s";
    List<String> args = new ArrayList<>(List.of((small + " --warmup 1s --json").split(" ")));
    args.addAll(List.of(outputOptions));
    return run(args.toArray(String[]::new));
  }

  private Run run(String... args) throws IOException, InterruptedException {
    String jar = System.getProperty("camerabridge.jar");
    assertThat(jar).as("system property camerabridge.jar (set by Failsafe)").isNotBlank();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-jar");
    command.add(jar);
    command.addAll(List.of(args));
    Path out = dir.resolve("out.txt");
    Path err = dir.resolve("err.txt");
    Process process =
        new ProcessBuilder(command)
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    if (!process.waitFor(5, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError("bench did not finish within 5 minutes: " + command);
    }
    return new Run(
        process.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  private record Run(int status, String out, String err) {}
}
