package io.camerabridge.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.camerabridge.bindings.aravis.fake.FakeGvCameraProcess;
import io.camerabridge.config.yaml.CameraYaml;
import io.camerabridge.config.yaml.ConfigYaml;
import io.camerabridge.tools.sim.PekatSimulator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped jar's stop paths that #20 found broken: SIGHUP (was status 129) and SIGTERM with the
 * journal on a disk that no longer takes writes (a FIFO nobody reads; the stop used to hang).
 */
class StopSignalsIT {
  @TempDir Path dir;

  @Test
  void sighupStopsCleanlyWithStatusZero() throws Exception {
    try (FakeGvCameraProcess camera = camera("HUP");
        PekatSimulator sim = PekatSimulator.builder().port(0).build().start()) {
      Path journal = dir.resolve("hup.jsonl");
      Process run = run(config(camera, sim, journal), dir.resolve("hup.out"));
      try {
        await()
            .atMost(Duration.ofSeconds(60))
            .until(() -> Files.exists(journal) && Files.readAllLines(journal).size() >= 3);

        signal(run, "HUP");

        assertThat(run.waitFor(60, TimeUnit.SECONDS))
            .as("exited after SIGHUP; its output:%n%s", Files.readString(dir.resolve("hup.out")))
            .isTrue();
        String out = Files.readString(dir.resolve("hup.out"));
        assertThat(run.exitValue()).as(out).isZero();
        assertThat(out).contains("SIGHUP received: stopping").contains("camera-bridge stopped");
      } finally {
        run.destroyForcibly(); // a failed run must not leave the service running
      }
    }
  }

  @Test
  void sigtermWithTheJournalOnAHungDiskStillStopsAndReleasesTheCamera() throws Exception {
    Path fifo = dir.resolve("hung.jsonl");
    assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
    try (FakeGvCameraProcess camera = camera("HUNG");
        PekatSimulator sim = PekatSimulator.builder().port(0).build().start()) {
      Process run = run(config(camera, sim, fifo), dir.resolve("hung.out"));
      try {
        // Frames are analysed while the journal's writer is stuck opening the FIFO.
        await().atMost(Duration.ofSeconds(60)).until(() -> sim.stats().frames() >= 5);

        run.destroy(); // SIGTERM

        // A hang detector, not a timing assertion: this stop never ended before.
        assertThat(run.waitFor(120, TimeUnit.SECONDS)).as("exited after SIGTERM").isTrue();
        String out = Files.readString(dir.resolve("hung.out"));
        assertThat(run.exitValue()).as(out).isZero();
        assertThat(out)
            .contains("did not finish writing")
            .contains("queued record(s) lost")
            .contains("camera-bridge stopped");
        // The camera was released: the service's last steps ran after the journal gave up.
        assertThat(out.indexOf("camera-bridge stopped"))
            .isGreaterThan(out.indexOf("did not finish writing"));
      } finally {
        run.destroyForcibly();
      }
    }
  }

  private static FakeGvCameraProcess camera(String prefix) throws IOException {
    return FakeGvCameraProcess.builder()
        .serial(prefix + (System.nanoTime() / 1000 % 1_000_000))
        .start();
  }

  private Path config(FakeGvCameraProcess camera, PekatSimulator sim, Path journal)
      throws IOException {
    Path config = dir.resolve("run-" + journal.getFileName() + ".yaml");
    ConfigYaml.create()
        .metricsListen("127.0.0.1:0")
        .drainTimeout("2s")
        .camera(
            CameraYaml.of("stop", camera.deviceId())
                .pixelFormat("Mono8")
                .size(640, 480)
                .frameRate(20)
                .gige("packetSocket", false)
                .pekat(sim.baseUri())
                .journal(journal))
        .write(config);
    return config;
  }

  private static void signal(Process process, String name)
      throws IOException, InterruptedException {
    Process kill =
        new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
    assertThat(kill.waitFor()).isZero();
  }

  private static Process run(Path config, Path output) throws IOException {
    String jar = System.getProperty("camerabridge.jar");
    assertThat(jar).as("system property camerabridge.jar (set by Failsafe)").isNotBlank();
    List<String> command = new ArrayList<>();
    // A test run started under nohup passes SIGHUP on as ignored, and the JVM (rightly) leaves an
    // ignored SIGHUP ignored: give the service the disposition systemd gives it.
    command.add("env");
    command.add("--default-signal=HUP");
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-jar");
    command.add(jar);
    command.add("run");
    command.add("--config");
    command.add(config.toString());
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(output.toFile())
        .start();
  }
}
