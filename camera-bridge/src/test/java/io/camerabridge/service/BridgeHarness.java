package io.camerabridge.service;

import io.camerabridge.bindings.systemd.SystemdNotifier;
import io.camerabridge.config.BridgeConfig;
import io.camerabridge.config.ConfigException;
import io.camerabridge.config.ConfigLoader;
import io.camerabridge.config.yaml.CameraYaml;
import io.camerabridge.config.yaml.ConfigYaml;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Runs the real service in-process from YAML text, as {@code run --config} would. */
final class BridgeHarness implements AutoCloseable {
  final Bridge bridge;
  final Path configFile;

  private BridgeHarness(Bridge bridge, Path configFile) {
    this.bridge = bridge;
    this.configFile = configFile;
  }

  static BridgeHarness start(Path dir, String yaml) throws IOException, ConfigException {
    Path file = dir.resolve("camera-bridge.yaml");
    Files.writeString(file, yaml);
    BridgeConfig config = new ConfigLoader(Map.of()).load(file);
    Bridge bridge = new Bridge(config, SystemdNotifier.disabled());
    bridge.start();
    return new BridgeHarness(bridge, file);
  }

  /** One camera entry; {@code extra} lines (YAML text) go under the camera. */
  static CameraYaml camera(String id, String device, String pekatUrl, Path dir, String... extra) {
    return camera(id, device, pekatUrl, dir, 1920, 1200, extra);
  }

  /** One BayerRG8 camera entry of the given size, with a journal in {@code dir}. */
  static CameraYaml camera(
      String id, String device, String pekatUrl, Path dir, int width, int height, String... extra) {
    return CameraYaml.of(id, device)
        .pixelFormat("BayerRG8")
        .size(width, height)
        .exposure("10ms")
        .set("gain", 0)
        .yaml(String.join("\n", extra))
        .pekat(pekatUrl)
        .journal(dir.resolve(id + ".jsonl"));
  }

  /**
   * A fake-camera serial unique to this run: a camera left over from an aborted run (or another
   * engineer's test on this machine) with the same device id would be opened instead.
   */
  static String serial(String prefix) {
    return prefix + (System.nanoTime() / 1000 % 1_000_000);
  }

  /** The service's settings shared by these tests (any metrics port, a 3 s drain). */
  static ConfigYaml base() {
    return ConfigYaml.create().metricsListen("127.0.0.1:0").drainTimeout("3s");
  }

  static String config(CameraYaml... cameras) {
    ConfigYaml config = base();
    for (CameraYaml camera : cameras) {
      config.camera(camera);
    }
    return config.toYaml();
  }

  @Override
  public void close() {
    bridge.stop();
  }
}
