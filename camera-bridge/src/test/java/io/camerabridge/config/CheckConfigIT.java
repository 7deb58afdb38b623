package io.camerabridge.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.camerabridge.support.ExitCodes;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code check-config} as systemd's {@code ExecStartPre=} runs it: the shipped jar in its own JVM,
 * here with a 32 MiB heap so that a bomb that expanded anything would die of OutOfMemoryError
 * instead of exiting 2 with the expected message.
 */
class CheckConfigIT {
  private static final String SECRET = "it-secret-9876543210";
  private static final Path ROOT = Path.of(System.getProperty("camerabridge.root", ".."));

  @TempDir Path dir;

  @Test
  void installedExampleIsValid() throws Exception {
    Run run = run(ROOT.resolve("config/camera-bridge.yaml"));

    assertThat(run.status).as(run.err).isEqualTo(ExitCodes.OK);
    assertThat(run.out).isEqualTo("OK: 1 camera (line1-top)\n");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "billion-laughs",
        "deep-nesting-bomb",
        "binary-garbage",
        "empty",
        "multiple-errors",
        "unset-env-var"
      })
  void badFilesExitTwoWithTheirProblemsInASmallHeap(String name) throws Exception {
    Path file = BadConfigsTest.corpus().resolve(name + ".yaml");
    String expected = Files.readString(BadConfigsTest.corpus().resolve(name + ".expected")).strip();

    Run run = run(file);

    assertThat(run.status).as(run.err).isEqualTo(ExitCodes.USAGE);
    assertThat(run.out).isEmpty();
    assertThat(run.err.replace(file.toString(), name + ".yaml"))
        .startsWith(expected + "\n")
        .endsWith("; nothing was started\n")
        .doesNotContain(SECRET);
  }

  @Test
  void tenMegabyteFileIsRefused() throws Exception {
    Path huge = dir.resolve("huge.yaml");
    byte[] chunk = "#".repeat(1023).concat("\n").getBytes(StandardCharsets.US_ASCII);
    try (OutputStream out = Files.newOutputStream(huge)) {
      for (int i = 0; i < 10 * 1024; i++) {
        out.write(chunk);
      }
    }

    Run run = run(huge);

    assertThat(run.status).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err)
        .startsWith(huge + ": the file is 10MiB, more than the 1MiB a configuration may have");
  }

  @Test
  void aDeviceThatNeverEndsIsReadOnlyUpToTheLimit() throws Exception {
    // stat says 0 bytes; reading it all would fill the 32 MiB heap.
    Run run = run(Path.of("/dev/zero"));

    assertThat(run.status).as(run.err).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err)
        .startsWith("/dev/zero: the file is larger than the 1MiB a configuration may have");
  }

  private record Run(int status, String out, String err) {}

  private Run run(Path config) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx32m");
    command.add("-jar");
    command.add(System.getProperty("camerabridge.jar"));
    command.add("check-config");
    command.add(config.toString());
    ProcessBuilder builder = new ProcessBuilder(command);
    // The corpus expects the key to be set; it must then appear nowhere in the output.
    builder.environment().put("PEKAT_API_KEY", SECRET);
    builder.redirectOutput(dir.resolve("out.txt").toFile());
    builder.redirectError(dir.resolve("err.txt").toFile());
    Process process = builder.start();
    if (!process.waitFor(2, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError("check-config did not finish");
    }
    return new Run(
        process.exitValue(),
        Files.readString(dir.resolve("out.txt")),
        Files.readString(dir.resolve("err.txt")));
  }
}
