package io.camerabridge.tools.bench;

import io.camerabridge.pekat.RawLayout;

/** Size and pixel layout of the synthetic frames, and the request they become. */
record FrameShape(int width, int height, BenchPixelFormat format) {

  FrameShape {
    if (width < 1 || height < 1) {
      throw new IllegalArgumentException(
          "frame size must be positive, got " + width + "x" + height);
    }
    if (format.layout().bodyLength(width, height) > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          "a "
              + width
              + "x"
              + height
              + " "
              + format
              + " frame exceeds 2 GiB; choose a smaller size");
    }
  }

  RawLayout layout() {
    return format.layout();
  }

  int bodyBytes() {
    return (int) layout().bodyLength(width, height);
  }

  /**
   * Path and query of {@code analyze_raw_image} for this shape, byte for byte what the bridge's
   * client sends with its default endpoint (context response, no data, no key), so that every
   * target asks the analyzer for the same work.
   */
  String analyzeRawPathAndQuery() {
    return "/analyze_raw_image?width="
        + width
        + "&height="
        + height
        + (layout().bayerFlag() ? "&bayer" : "")
        + "&response_type=context";
  }

  @Override
  public String toString() {
    return width + "x" + height + " " + format.name();
  }
}
