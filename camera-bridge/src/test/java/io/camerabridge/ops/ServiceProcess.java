package io.camerabridge.ops;

import io.camerabridge.config.yaml.CameraYaml;
import io.camerabridge.config.yaml.ConfigYaml;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The shipped jar's {@code run}, started as systemd would start it, for ITs and tools. */
final class ServiceProcess implements AutoCloseable {

  private static final Pattern METRICS_URL =
      Pattern.compile("metrics at (http://[0-9.:\\[\\]]+)/metrics");

  private final Process process;
  private final Path log;
  private final HttpClient http = HttpClient.newHttpClient();

  private ServiceProcess(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /** Starts {@code java -jar JAR run --config CONFIG} with {@code environment} added. */
  static ServiceProcess start(String jar, Path config, Map<String, String> environment, Path log)
      throws IOException {
    ProcessBuilder builder =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                jar,
                "run",
                "--config",
                config.toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder.environment().remove("WATCHDOG_PID");
    builder.environment().putAll(environment);
    return new ServiceProcess(builder.start(), log);
  }

  /** A one-camera configuration: {@code top}, Mono8 at {@code fps}, into {@code pekat}. */
  static String config(String device, URI pekat, int width, int height, int fps) {
    return ConfigYaml.create()
        .metricsListen("127.0.0.1:0")
        .drainTimeout("2s")
        .set("logging.format", "plain")
        .camera(
            CameraYaml.of("top", device)
                .pixelFormat("Mono8")
                .size(width, height)
                .frameRate(fps)
                .buffers(4)
                .pekat(pekat)
                .pekat("responseType", "context")
                .pekat("timeout", "5s"))
        .toYaml();
  }

  Process process() {
    return process;
  }

  String log() throws IOException {
    return Files.readString(log);
  }

  /** The status server's base URI, as the service logs it once started; null before. */
  URI statusBase() throws IOException {
    Matcher m = METRICS_URL.matcher(log());
    return m.find() ? URI.create(m.group(1)) : null;
  }

  HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(statusBase().resolve(path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Override
  public void close() {
    process.destroyForcibly();
  }
}
