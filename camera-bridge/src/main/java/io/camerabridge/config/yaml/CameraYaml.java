package io.camerabridge.config.yaml;

import java.nio.file.Path;
import java.util.Map;

/**
 * One entry of {@code cameras:}, set key by key; {@link ConfigYaml} writes it as the loader reads
 * it. Only {@code id}, {@code device} and the analyzer's URL are required by the loader; the rest
 * keeps the loader's defaults unless set.
 */
public final class CameraYaml {
  private final YamlTree tree = new YamlTree();

  private CameraYaml(String id, String device) {
    tree.set("id", id);
    tree.set("device", device);
  }

  /** A camera {@code id} opened by {@code device} (serial, device id or address). */
  public static CameraYaml of(String id, String device) {
    return new CameraYaml(id, device);
  }

  public CameraYaml pixelFormat(String format) {
    return set("pixelFormat", format);
  }

  public CameraYaml size(int width, int height) {
    set("width", width);
    return set("height", height);
  }

  public CameraYaml frameRate(Number fps) {
    return set("frameRate", fps);
  }

  /** {@code exposure} as the loader reads durations: {@code "2ms"}. */
  public CameraYaml exposure(String duration) {
    return set("exposure", duration);
  }

  public CameraYaml buffers(int buffers) {
    return set("buffers", buffers);
  }

  public CameraYaml enabled(boolean enabled) {
    return set("enabled", enabled);
  }

  /** The analyzer's URL ({@code pekat.url}), a {@link URI} or its text. */
  public CameraYaml pekat(Object url) {
    return set("pekat.url", url.toString());
  }

  /** One {@code pekat:} setting, e.g. {@code pekat("timeout", "5s")}. */
  public CameraYaml pekat(String key, Object value) {
    return set("pekat." + key, value);
  }

  /** One {@code gige:} setting, e.g. {@code gige("packetSocket", false)}. */
  public CameraYaml gige(String key, Object value) {
    return set("gige." + key, value);
  }

  /** The journal file ({@code results.journal}). */
  public CameraYaml journal(Path file) {
    return set("results.journal", file);
  }

  /** Any setting by its dotted path under the camera: {@code set("trigger.mode", "software")}. */
  public CameraYaml set(String dottedPath, Object value) {
    tree.set(dottedPath, value);
    return this;
  }

  /**
   * Settings as YAML mapping text, for what has no method ({@code "features:\n - LineMode:
   * Output"}); each top-level key of {@code fragment} replaces an earlier value whole.
   */
  public CameraYaml yaml(String fragment) {
    tree.merge(fragment);
    return this;
  }

  /**
   * As {@link #yaml(String)}, into the mapping at {@code dottedPath}: {@code yaml("pekat", ...)}.
   */
  public CameraYaml yaml(String dottedPath, String fragment) {
    tree.merge(dottedPath, fragment);
    return this;
  }

  /** The camera's id. */
  public String id() {
    return (String) tree.asMap().get("id");
  }

  Map<String, Object> asMap() {
    return tree.asMap();
  }

  /** The entry alone, as YAML text. */
  @Override
  public String toString() {
    return YamlTree.write(tree.asMap());
  }
}
