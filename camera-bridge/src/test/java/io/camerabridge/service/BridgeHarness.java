package io.camerabridge.service;

import io.camerabridge.bindings.systemd.SystemdNotifier;
import io.camerabridge.config.BridgeConfig;
import io.camerabridge.config.ConfigException;
import io.camerabridge.config.ConfigLoader;
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

  /** One camera entry; {@code extra} lines are indented under the camera. */
  static String camera(String id, String device, String pekatUrl, Path dir, String... extra) {
    return camera(id, device, pekatUrl, dir, 1920, 1200, extra);
  }

  /** One BayerRG8 camera entry of the given size. */
  static String camera(
      String id, String device, String pekatUrl, Path dir, int width, int height, String... extra) {
    StringBuilder y = new StringBuilder();
    y.append("  - id: ").append(id).append('\n');
    y.append("    device: \"").append(device).append("\"\n");
    y.append("    pixelFormat: BayerRG8\n");
    y.append("    width: ").append(width).append('\n');
    y.append("    height: ").append(height).append('\n');
    y.append("    exposure: 10ms\n");
    y.append("    gain: 0\n");
    for (String line : extra) {
      y.append("    ").append(line).append('\n');
    }
    y.append("    pekat:\n");
    y.append("      url: \"").append(pekatUrl).append("\"\n");
    y.append("    results:\n");
    y.append("      journal: \"").append(dir.resolve(id + ".jsonl")).append("\"\n");
    return y.toString();
  }

  /**
   * A fake-camera serial unique to this run: a camera left over from an aborted run (or another
   * engineer's test on this machine) with the same device id would be opened instead.
   */
  static String serial(String prefix) {
    return prefix + (System.nanoTime() / 1000 % 1_000_000);
  }

  static String config(String... cameras) {
    return "metrics: { listen: \"127.0.0.1:0\" }\n"
        + "shutdown: { drainTimeout: 3s }\n"
        + "cameras:\n"
        + String.join("", cameras);
  }

  @Override
  public void close() {
    bridge.stop();
  }
}
