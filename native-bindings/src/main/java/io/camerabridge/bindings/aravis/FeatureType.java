package io.camerabridge.bindings.aravis;

/** The GenICam interface of a node, as far as a client setting or reading it cares. */
public enum FeatureType {
  CATEGORY("Category"),
  INTEGER("Integer"),
  FLOAT("Float"),
  STRING("String"),
  ENUMERATION("Enumeration"),
  BOOLEAN("Boolean"),
  COMMAND("Command"),
  REGISTER("Register"),
  /** Anything else with a name: ports, converters without a value interface, ... */
  OTHER("Node");

  private final String label;

  FeatureType(String label) {
    this.label = label;
  }

  /** The name shown to users, e.g. {@code Enumeration}. */
  public String label() {
    return label;
  }

  /** Whether a value of this type can be written from text (everything but commands and up). */
  public boolean hasValue() {
    return this == INTEGER
        || this == FLOAT
        || this == STRING
        || this == ENUMERATION
        || this == BOOLEAN;
  }
}
