package io.camerabridge.pekat;

/** What PEKAT puts in the response body ({@code response_type} query parameter). */
public enum ResponseType {
  /** The context (result JSON) only. PEKAT's default. */
  CONTEXT("context"),
  /** A PNG of the frame as it left the flow, plus the context. */
  IMAGE("image"),
  /** A PNG with heatmaps and detected rectangles drawn, plus the context. */
  ANNOTATED_IMAGE("annotated_image"),
  /** A PNG of the heatmap layers alone, plus the context. */
  HEATMAP("heatmap");

  private final String wireName;

  ResponseType(String wireName) {
    this.wireName = wireName;
  }

  /** The value of the {@code response_type} query parameter. */
  public String wireName() {
    return wireName;
  }

  /** Whether the body is a PNG (with the context in a header or after the PNG). */
  public boolean returnsImage() {
    return this != CONTEXT;
  }

  /**
   * Parses a wire name such as {@code annotated_image}.
   *
   * @throws IllegalArgumentException naming the accepted values
   */
  public static ResponseType fromWireName(String name) {
    for (ResponseType type : values()) {
      if (type.wireName.equals(name)) {
        return type;
      }
    }
    throw new IllegalArgumentException(
        "unknown response_type '" + name + "': use context, image, annotated_image or heatmap");
  }
}
