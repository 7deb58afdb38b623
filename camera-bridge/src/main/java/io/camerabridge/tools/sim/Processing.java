package io.camerabridge.tools.sim;

import java.util.Locale;

/** What the simulator does with an image it received. */
public enum Processing {
  /** Analyse the image ("Process" switched on in PEKAT's Camera tab). */
  ON,
  /**
   * PEKAT with "Process" switched off: the five-field bare context, as JSON, for every response
   * type.
   */
  OFF,
  /**
   * For benchmarks: a full-shaped OK context without reading a pixel, and JSON only for every
   * response type. The body is still validated by its length and checksummed if checksums are on.
   */
  DISCARD;

  /** The command-line value, e.g. {@code on}. */
  public String cliName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses {@code on}, {@code off} or {@code discard} (any case).
   *
   * @throws IllegalArgumentException naming the accepted values
   */
  public static Processing fromCliName(String name) {
    for (Processing p : values()) {
      if (p.cliName().equalsIgnoreCase(name.trim())) {
        return p;
      }
    }
    throw new IllegalArgumentException(
        "unknown processing mode '" + name + "': use on, off or discard");
  }
}
