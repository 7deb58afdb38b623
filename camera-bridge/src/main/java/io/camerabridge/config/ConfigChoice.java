package io.camerabridge.config;

/** An enum constant that is written in the config file under a lower-case, hyphenated name. */
public interface ConfigChoice {
  /** The name as written in YAML, e.g. {@code free-run}. */
  String configName();
}
