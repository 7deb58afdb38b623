package io.camerabridge.tools.sim;

/** The paths a PEKAT project serves, as the simulator counts them. */
public enum Endpoint {
  ANALYZE_RAW_IMAGE("/analyze_raw_image", true),
  ANALYZE_IMAGE("/analyze_image", true),
  ANALYZE_IMAGE_SHARED_MEMORY("/analyze_image_shared_memory", true),
  PING("/ping", false),
  VERSION("/version", false),
  LAST_IMAGE("/last_image", false),
  STOP("/stop", false),
  /** Any other path (answered 404). */
  OTHER("", false);

  private final String path;
  private final boolean analyze;

  Endpoint(String path, boolean analyze) {
    this.path = path;
    this.analyze = analyze;
  }

  public String path() {
    return path;
  }

  /** Whether this endpoint analyses an image (POST, API key, faults, latency apply). */
  public boolean analyze() {
    return analyze;
  }

  /** The endpoint serving {@code path}, or {@link #OTHER}. */
  public static Endpoint of(String path) {
    for (Endpoint e : values()) {
      if (e != OTHER && e.path.equals(path)) {
        return e;
      }
    }
    return OTHER;
  }
}
