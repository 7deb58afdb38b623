package io.camerabridge.config;

/** What the outputs are told about a part whose verdict did not come before its deadline. */
public enum TimeoutVerdict implements ConfigChoice {
  /** Reject the part: the fail-safe default. */
  NG("ng"),
  /** Let the part pass. */
  OK("ok"),
  /** Tell the outputs nothing; the part is journaled and counted only. */
  SKIP("skip");

  private final String configName;

  TimeoutVerdict(String configName) {
    this.configName = configName;
  }

  @Override
  public String configName() {
    return configName;
  }
}
