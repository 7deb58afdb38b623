package io.camerabridge.config;

/**
 * What happens when an outcome arrives before the PLC acknowledged the one shown ({@code
 * plc.handshake}).
 */
public enum PlcHandshake implements ConfigChoice {
  /** Show the newest outcome; the unacknowledged one is counted. */
  LATEST("latest"),
  /** Hold outcomes in a bounded queue until each is acknowledged; overflow is counted. */
  QUEUE("queue"),
  /** No handshake: values are overwritten, ResultValid is set with every outcome. */
  OFF("off");

  private final String configName;

  PlcHandshake(String configName) {
    this.configName = configName;
  }

  @Override
  public String configName() {
    return configName;
  }
}
