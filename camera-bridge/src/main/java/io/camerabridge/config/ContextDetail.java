package io.camerabridge.config;

/** How much of PEKAT's context a JSON output carries. */
public enum ContextDetail implements ConfigChoice {
  /** The context exactly as PEKAT sent it. */
  FULL("full"),
  /** The detected rectangles' classes and PEKAT's own result flags only. */
  SUMMARY("summary"),
  /** No context. */
  NONE("none");

  private final String configName;

  ContextDetail(String configName) {
    this.configName = configName;
  }

  @Override
  public String configName() {
    return configName;
  }
}
