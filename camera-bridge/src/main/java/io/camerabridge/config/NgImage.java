package io.camerabridge.config;

/** Which picture of an NG frame is saved to disk. */
public enum NgImage implements ConfigChoice {
  /** The frame as the camera delivered it. */
  RAW("raw"),
  /** The annotated PNG PEKAT returned; needs {@code pekat.responseType: annotated_image}. */
  ANNOTATED("annotated");

  private final String configName;

  NgImage(String configName) {
    this.configName = configName;
  }

  @Override
  public String configName() {
    return configName;
  }
}
