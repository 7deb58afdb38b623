package io.camerabridge.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A {@code featureFile:} read when the configuration is loaded: {@code Name=Value} lines, or a
 * Basler pylon {@code .pfs} feature stream ({@code Name<TAB>Value}). Its steps are applied after
 * the user set and before the camera's own keys (pixel format, region, ...), which therefore win.
 */
public final class FeatureFile {
  /** How the file is written. */
  public enum Format {
    /** {@code Name=Value} per line, {@code #} comment lines. */
    NAME_VALUE,
    /** Basler pylon feature stream: {@code Name<TAB>Value} per line, {@code #} comment lines. */
    PFS
  }

  private final Path path;
  private final Format format;
  private final FeatureSteps steps;

  FeatureFile(Path path, Format format, FeatureSteps steps) {
    this.path = Objects.requireNonNull(path, "path");
    this.format = Objects.requireNonNull(format, "format");
    this.steps = Objects.requireNonNull(steps, "steps");
  }

  /** The file as resolved (relative paths are taken from the configuration file's directory). */
  public Path path() {
    return path;
  }

  /** How it was read. */
  public Format format() {
    return format;
  }

  /** Its assignments in file order. */
  public FeatureSteps steps() {
    return steps;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FeatureFile other && other.path.equals(path) && other.steps.equals(steps);
  }

  @Override
  public int hashCode() {
    return path.hashCode();
  }

  @Override
  public String toString() {
    return path.toString();
  }
}
