package io.camerabridge.config.yaml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A whole camera-bridge configuration file built from typed settings: the service's tests, the demo
 * and the benchmarks write their YAML with it and load it through the real {@code ConfigLoader}, so
 * the text they produce is always what the loader expects.
 *
 * <pre>{@code
 * String yaml = ConfigYaml.create()
 *     .metricsListen("127.0.0.1:0")
 *     .drainTimeout("2s")
 *     .camera(CameraYaml.of("top", device).pixelFormat("Mono8").frameRate(20).pekat(url))
 *     .toYaml();
 * }</pre>
 */
public final class ConfigYaml {
  private final YamlTree tree = new YamlTree();
  private String comment = "";

  private ConfigYaml() {}

  public static ConfigYaml create() {
    return new ConfigYaml();
  }

  /** {@code metrics.listen}: {@code "127.0.0.1:0"} lets the service pick a free port. */
  public ConfigYaml metricsListen(String hostPort) {
    return set("metrics.listen", hostPort);
  }

  /** {@code metrics.enabled}. */
  public ConfigYaml metricsEnabled(boolean enabled) {
    return set("metrics.enabled", enabled);
  }

  /** {@code shutdown.drainTimeout} as the loader reads durations: {@code "2s"}. */
  public ConfigYaml drainTimeout(String duration) {
    return set("shutdown.drainTimeout", duration);
  }

  /** Any top-level setting by its dotted path: {@code set("logging.format", "plain")}. */
  public ConfigYaml set(String dottedPath, Object value) {
    tree.set(dottedPath, value);
    return this;
  }

  /**
   * Top-level settings as YAML mapping text, for sections with no method ({@code "mqtt: { broker:
   * ... }"}); each top-level key of {@code fragment} replaces an earlier value whole.
   */
  public ConfigYaml yaml(String fragment) {
    tree.merge(fragment);
    return this;
  }

  /** Adds a camera; cameras are written in the order added. */
  public ConfigYaml camera(CameraYaml camera) {
    tree.add("cameras", camera.asMap());
    return this;
  }

  /** A comment written at the top of the file, one {@code #} line per line of {@code text}. */
  public ConfigYaml comment(String text) {
    this.comment =
        text.lines().map(l -> l.isEmpty() ? "#\n" : "# " + l + "\n").reduce("", String::concat);
    return this;
  }

  /** The configuration as YAML text. */
  public String toYaml() {
    return comment + YamlTree.write(tree.asMap());
  }

  /** Writes {@link #toYaml()} to {@code file} and returns it. */
  public Path write(Path file) throws IOException {
    return Files.writeString(file, toYaml());
  }

  @Override
  public String toString() {
    return toYaml();
  }
}
