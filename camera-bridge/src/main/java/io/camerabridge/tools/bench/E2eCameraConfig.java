package io.camerabridge.tools.bench;

import io.camerabridge.config.BridgeConfig;
import io.camerabridge.config.CameraConfig;
import io.camerabridge.config.ConfigException;
import io.camerabridge.config.ConfigLoader;
import io.camerabridge.config.OutputType;
import io.camerabridge.config.yaml.CameraYaml;
import io.camerabridge.config.yaml.ConfigYaml;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The camera entry {@code bench e2e} runs, written as the YAML a user would write and read back
 * through the service's own loader and validator, so the benchmark configures the pipeline exactly
 * the way the service does.
 */
final class E2eCameraConfig {

  private E2eCameraConfig() {}

  /** The outputs {@code --outputs} adds, and the broker block they need. */
  record Outputs(Set<OutputType> types, String brokerUrl, String webhookUrl) {
    void addTo(ConfigYaml config, CameraYaml camera) {
      StringBuilder list = new StringBuilder("outputs:\n");
      if (types.contains(OutputType.LINE)) {
        list.append("  - { type: line, line: Line1, source: UserOutput1, pulse: 5ms }\n");
      }
      if (types.contains(OutputType.MQTT)) {
        config.set("mqtt.broker", brokerUrl).set("mqtt.clientId", "camera-bridge-bench");
        list.append("  - { type: mqtt, qos: 1, context: summary }\n");
      }
      if (types.contains(OutputType.WEBHOOK)) {
        list.append("  - { type: webhook, url: \"")
            .append(webhookUrl)
            .append("\", context: summary }\n");
      }
      camera.yaml(list.toString().stripTrailing());
    }
  }

  static String yaml(String device, AnalyzerAddress analyzer, E2eSettings s, Outputs outputs) {
    ConfigYaml config = ConfigYaml.create().metricsEnabled(false);
    CameraYaml camera = camera("bench", device, analyzer, s);
    if (outputs != null) {
      outputs.addTo(config, camera);
    }
    return config.camera(camera).toYaml();
  }

  /** One camera entry with the benchmark's settings, as a user would write it. */
  static CameraYaml camera(String id, String device, AnalyzerAddress analyzer, E2eSettings s) {
    return camera(id, device, s).pekat(analyzer.baseUri());
  }

  /** {@code bench e2e --analyzers K}: the camera behind several instances ({@code pekat.urls}). */
  static BridgeConfig loadPool(String device, List<URI> urls, E2eSettings s) throws IOException {
    StringBuilder list = new StringBuilder("urls: [");
    for (int i = 0; i < urls.size(); i++) {
      list.append(i == 0 ? "\"" : ", \"").append(urls.get(i)).append('"');
    }
    CameraYaml camera = camera("bench", device, s).yaml("pekat", list.append("]").toString());
    return load(ConfigYaml.create().metricsEnabled(false).camera(camera).toYaml());
  }

  private static CameraYaml camera(String id, String device, E2eSettings s) {
    CameraYaml camera =
        CameraYaml.of(id, device)
            .pixelFormat(s.format().name())
            .size(s.width(), s.height())
            .frameRate(s.fps())
            .buffers(s.buffers())
            .gige("packetSize", s.packetBytes())
            .gige("socketBuffer", s.socketBuffer())
            .gige("packetSocket", false)
            .pekat("maxInFlight", s.inFlight());
    return s.busyWait() == null ? camera : camera.pekat("busyWait", s.busyWait().toMillis() + "ms");
  }

  static String yaml(String device, AnalyzerAddress analyzer, E2eSettings s) {
    return yaml(device, analyzer, s, null);
  }

  /** Loads the YAML through {@link ConfigLoader}; an invalid setting fails with its message. */
  static CameraConfig load(String device, AnalyzerAddress analyzer, E2eSettings s)
      throws IOException {
    return loadAll(device, analyzer, s, null).cameras().get(0);
  }

  /**
   * The whole file (the console reads the cameras and {@code console:} from it), with the outputs
   * and their broker when {@code outputs} is not null.
   */
  static BridgeConfig loadAll(
      String device, AnalyzerAddress analyzer, E2eSettings s, Outputs outputs) throws IOException {
    return load(yaml(device, analyzer, s, outputs));
  }

  /** Loads a whole file's YAML through {@link ConfigLoader}, as the service does. */
  static BridgeConfig load(String yaml) throws IOException {
    Path file = Files.createTempFile("camera-bridge-bench", ".yaml");
    try {
      Files.writeString(file, yaml, StandardCharsets.UTF_8);
      return new ConfigLoader(Map.of()).load(file);
    } catch (ConfigException e) {
      throw new BenchException("the e2e camera settings are not valid: " + e.getMessage(), e);
    } finally {
      Files.deleteIfExists(file);
    }
  }
}
