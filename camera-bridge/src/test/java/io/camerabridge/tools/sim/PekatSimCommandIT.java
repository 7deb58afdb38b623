package io.camerabridge.tools.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code java -jar camera-bridge.jar pekat-sim} as users run it: listens, answers, stops. */
class PekatSimCommandIT {
  private static final Pattern LISTENING = Pattern.compile("pekat-sim listening on (http://\\S+) ");
  private static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @TempDir Path dir;

  private record Started(Process process, URI base, Path out, Path err) {}

  private Started start(String... options) throws Exception {
    String jar = System.getProperty("camerabridge.jar");
    assertThat(jar).as("system property camerabridge.jar (set by Failsafe)").isNotBlank();
    List<String> command =
        new java.util.ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                jar,
                "pekat-sim",
                "--port",
                "0"));
    command.addAll(List.of(options));
    Path out = dir.resolve("out.txt");
    Path err = dir.resolve("err.txt");
    Process process =
        new ProcessBuilder(command)
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    URI[] base = new URI[1];
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () -> {
              Matcher m = LISTENING.matcher(Files.readString(out, StandardCharsets.UTF_8));
              if (m.find()) {
                base[0] = URI.create(m.group(1));
              }
              return base[0] != null || !process.isAlive();
            });
    assertThat(base[0]).as(Files.readString(err, StandardCharsets.UTF_8)).isNotNull();
    return new Started(process, base[0], out, err);
  }

  private static HttpResponse<String> get(URI uri) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void servesUntilSigtermAndStopsCleanly() throws Exception {
    Started sim = start("--latency", "5ms");

    assertThat(get(sim.base().resolve("/ping")).statusCode()).isEqualTo(200);
    HttpResponse<String> analysed =
        HTTP.send(
            HttpRequest.newBuilder(sim.base().resolve("/analyze_raw_image?width=16&height=8"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[16 * 8]))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(analysed.body()).contains("\"result\":true");

    sim.process().destroy(); // SIGTERM

    assertThat(sim.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(sim.process().exitValue()).isEqualTo(143);
    String err = Files.readString(sim.err(), StandardCharsets.UTF_8);
    assertThat(err).doesNotContain("Exception");
  }

  @Test
  void stopEndpointWithTheStopKeyEndsTheProcessWithStatusZero() throws Exception {
    Started sim = start("--stop-key", "bye");

    assertThat(get(sim.base().resolve("/stop?key=bye")).statusCode()).isEqualTo(200);

    assertThat(sim.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(sim.process().exitValue()).isZero();
  }
}
