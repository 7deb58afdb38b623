package io.camerabridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.camerabridge.support.ExitCodes;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CheckConfigCommandTest {
  private static final String VALID =
      """
      cameras:
        - id: line1-top
          device: CAM-1
          pixelFormat: Mono8
          pekat: { url: "http://127.0.0.1:8000", apiKey: "${KEY}" }
        - id: line1-side
          device: CAM-2
          pixelFormat: BayerRG8
          pekat: { url: "http://127.0.0.1:8001" }
        - id: spare
          device: CAM-3
          enabled: false
          pixelFormat: Mono8
          pekat: { url: "http://127.0.0.1:8002" }
      """;

  @TempDir Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(Map<String, String> env, String... args) {
    CommandLine cli = new CommandLine(new CheckConfigCommand(env));
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    return cli.execute(args);
  }

  @Test
  void validFileExitsZeroAndNamesTheCameras() throws IOException {
    Path file = Files.writeString(dir.resolve("ok.yaml"), VALID);

    int status = run(Map.of("KEY", "s3cret-key"), file.toString());

    assertThat(status).isEqualTo(ExitCodes.OK);
    assertThat(out.toString())
        .isEqualTo("OK: 2 cameras (line1-top, line1-side); disabled: spare\n");
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void invalidFileExitsTwoWithEveryProblemAndNoSecret() throws IOException {
    Path file =
        Files.writeString(
            dir.resolve("bad.yaml"), VALID.replace("Mono8", "Mono16").replace("8001", "80x1"));

    int status = run(Map.of("KEY", "s3cret-key"), file.toString());

    assertThat(status).isEqualTo(ExitCodes.USAGE);
    assertThat(out.toString()).isEmpty();
    assertThat(err.toString())
        .isEqualTo(
            file
                + ":4:18: cameras[0].pixelFormat: pixel format Mono16 is not supported: PEKAT takes"
                + " 8 bits per sample; choose Mono8\n"
                + file
                + ":9:19: cameras[1].pekat.url: 'http://127.0.0.1:80x1' has no valid host and port:"
                + " write the PEKAT project's address, e.g. http://127.0.0.1:8000\n"
                + file
                + ":13:18: cameras[2].pixelFormat: pixel format Mono16 is not supported: PEKAT"
                + " takes 8 bits per sample; choose Mono8\n"
                + "3 problems in "
                + file
                + "; nothing was started\n")
        .doesNotContain("s3cret-key");
  }

  @Test
  void aFileWithEveryCameraDisabledIsValidAndSaysSo() throws IOException {
    Path file =
        Files.writeString(
            dir.resolve("off.yaml"),
            VALID
                .replace("device: CAM-1", "device: CAM-1\n    enabled: false")
                .replace("device: CAM-2", "device: CAM-2\n    enabled: false"));

    int status = run(Map.of("KEY", "k"), file.toString());

    assertThat(status).isEqualTo(ExitCodes.OK);
    assertThat(out.toString())
        .isEqualTo("OK: 0 cameras enabled; disabled: line1-top, line1-side, spare\n");
  }

  @Test
  void missingFileIsAUsageError() {
    int status = run(Map.of(), dir.resolve("nope.yaml").toString());

    assertThat(status).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).startsWith(dir.resolve("nope.yaml") + ": no such file");
  }

  @Test
  void isRegisteredInMainAndItsHelpTeachesWithAnExample() {
    CommandLine main = Main.newCommandLine();
    StringWriter help = new StringWriter();
    main.setOut(new PrintWriter(help));

    int status = main.execute("check-config", "--help");

    assertThat(status).isEqualTo(ExitCodes.OK);
    assertThat(help.toString())
        .contains("Usage: camera-bridge check-config")
        .contains("ExecStartPre=/usr/bin/camera-bridge check-config")
        .contains("OK: 2 cameras (line1-top, line1-side)");
  }
}
