package io.camerabridge.config;

/** The OPC UA server's message security ({@code plc.opcua.security}). */
public enum OpcUaSecurity implements ConfigChoice {
  /** No signing, no encryption (security policy None). */
  NONE("none"),
  /** Messages signed (Basic256Sha256, Sign). */
  SIGN("sign"),
  /** Messages signed and encrypted (Basic256Sha256, SignAndEncrypt). */
  SIGN_AND_ENCRYPT("sign-and-encrypt");

  private final String configName;

  OpcUaSecurity(String configName) {
    this.configName = configName;
  }

  @Override
  public String configName() {
    return configName;
  }
}
