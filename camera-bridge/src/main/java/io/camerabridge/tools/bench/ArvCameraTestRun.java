package io.camerabridge.tools.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Aravis's own {@code arv-camera-test-0.8}, run against a camera with the settings the bridge uses,
 * as the reference for how many complete frames per second this machine can receive at all. Its
 * statistics block ({@code n_completed_buffers = 128} ...) is parsed after it exits.
 */
final class ArvCameraTestRun {

  static final String EXECUTABLE = "arv-camera-test-0.8";

  private static final Pattern STAT = Pattern.compile("^(n_[a-z_]+)\\s*=\\s*(\\d+)\\s*$");

  private ArvCameraTestRun() {}

  /** The counters Aravis reports at the end of a run, and the run's length. */
  record Statistics(Map<String, Long> counters, Duration duration) {
    long completed() {
      return counters.getOrDefault("n_completed_buffers", 0L);
    }

    long failures() {
      return counters.getOrDefault("n_failures", 0L);
    }

    double completeFramesPerSecond() {
      return completed() / (duration.toNanos() / 1e9);
    }

    /** The counters and durations of two runs added up. */
    Statistics plus(Statistics o) {
      Map<String, Long> sum = new HashMap<>(counters);
      o.counters.forEach((k, v) -> sum.merge(k, v, Long::sum));
      return new Statistics(sum, duration.plus(o.duration));
    }
  }

  /** The command line for one run; {@code camera} is the camera's address or name. */
  static List<String> command(String camera, E2eSettings s) {
    List<String> cmd = new ArrayList<>();
    cmd.add(EXECUTABLE);
    cmd.add("--name=" + camera);
    cmd.add("--width=" + s.width());
    cmd.add("--height=" + s.height());
    cmd.add("--frequency=" + formatRate(s.fps()));
    cmd.add("--gv-packet-size=" + s.packetBytes());
    // Same receive path as the bridge: Aravis's UDP socket with an automatically sized buffer.
    cmd.add("--no-packet-socket");
    cmd.add("--auto");
    cmd.add("--features=PixelFormat=" + s.format().name());
    cmd.add("--duration=" + Math.max(1, s.duration().toSeconds()));
    return cmd;
  }

  /** Runs the tool to completion and parses its statistics. */
  static Statistics run(String camera, E2eSettings settings)
      throws IOException, InterruptedException {
    Path log = Files.createTempFile("arv-camera-test", ".log");
    try {
      Process process =
          new ProcessBuilder(command(camera, settings))
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      long budget = settings.duration().toSeconds() + 30;
      if (!process.waitFor(budget, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new BenchException(EXECUTABLE + " did not finish within " + budget + " s");
      }
      String output = Files.readString(log, StandardCharsets.UTF_8);
      Statistics stats =
          new Statistics(
              parse(output), Duration.ofSeconds(Math.max(1, settings.duration().toSeconds())));
      if (process.exitValue() != 0 || !stats.counters().containsKey("n_completed_buffers")) {
        throw new BenchException(
            EXECUTABLE + " exited with " + process.exitValue() + " without statistics:\n" + output);
      }
      return stats;
    } catch (IOException e) {
      throw new BenchException(
          "cannot run " + EXECUTABLE + " (install Debian's aravis-tools): " + e.getMessage(), e);
    } finally {
      Files.deleteIfExists(log);
    }
  }

  static Map<String, Long> parse(String output) {
    Map<String, Long> counters = new HashMap<>();
    for (String line : output.split("\\R")) {
      Matcher m = STAT.matcher(line.trim());
      if (m.matches()) {
        counters.put(m.group(1), Long.parseLong(m.group(2)));
      }
    }
    return counters;
  }

  private static String formatRate(double fps) {
    return String.format(Locale.ROOT, "%.3f", fps);
  }
}
