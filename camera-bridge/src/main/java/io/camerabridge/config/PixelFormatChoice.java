package io.camerabridge.config;

import io.camerabridge.pekat.RawLayout;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A camera pixel format (its GenICam {@code PixelFormat} entry name) that camera-bridge can send to
 * PEKAT, and the layout it goes out as. Only formats PEKAT's {@code analyze_raw_image} documents
 * are accepted: 8-bit mono, Bayer RG 8-bit, and BGR 8-bit (RGB 8-bit after a red/blue swap).
 *
 * @param genicamName the name as the camera knows it, e.g. {@code BayerRG8}
 * @param layout what the request body carries
 * @param swapsRedAndBlue whether each frame must be converted RGB → BGR before sending
 */
public record PixelFormatChoice(String genicamName, RawLayout layout, boolean swapsRedAndBlue) {
  private static final String SUPPORTED =
      "supported are Mono8, BayerRG8, BGR8, and RGB8 with convertRgbToBgr: true";
  private static final Pattern OTHER_BAYER_8 = Pattern.compile("Bayer(GR|GB|BG)8");
  private static final Pattern DEEP_BAYER = Pattern.compile("Bayer(RG|GR|GB|BG)(10|12|14|16).*");
  private static final Pattern DEEP_MONO = Pattern.compile("Mono(1|2|4|10|12|14|16|32).*");
  private static final Pattern COLOUR_OTHER =
      Pattern.compile("(RGB|BGR|RGBa|BGRa|RGBA|BGRA)(8|10|12|14|16).*|(YUV|YCbCr|YUYV|UYVY).*");

  /** Checks the components. */
  public PixelFormatChoice {
    Objects.requireNonNull(genicamName, "genicamName");
    Objects.requireNonNull(layout, "layout");
  }

  /**
   * Maps a GenICam pixel format name to what camera-bridge sends.
   *
   * @throws IllegalArgumentException explaining why the format cannot be sent and what to choose
   */
  public static PixelFormatChoice of(String genicamName) {
    String name = genicamName.strip();
    switch (name) {
      case "Mono8":
        return new PixelFormatChoice(name, RawLayout.GRAY8, false);
      case "BayerRG8":
        return new PixelFormatChoice(name, RawLayout.BAYER_RG8, false);
      case "BGR8", "BGR8Packed":
        return new PixelFormatChoice(name, RawLayout.BGR8, false);
      case "RGB8", "RGB8Packed":
        return new PixelFormatChoice(name, RawLayout.BGR8, true);
      default:
        throw new IllegalArgumentException(explainUnsupported(name));
    }
  }

  /** Whether this is an RGB format that needs {@code convertRgbToBgr: true}. */
  public boolean needsConversion() {
    return swapsRedAndBlue;
  }

  @Override
  public String toString() {
    return genicamName;
  }

  private static String explainUnsupported(String name) {
    if (name.isEmpty()) {
      return "a pixel format is required: " + SUPPORTED;
    }
    if (OTHER_BAYER_8.matcher(name).matches()) {
      return "pixel format "
          + name
          + " is not supported: PEKAT documents only the BayerRG8 pattern. Set the camera to"
          + " BayerRG8, or shift the region by one pixel (offsetX/offsetY) so the pattern starts"
          + " with red and declare BayerRG8, or choose Mono8";
    }
    if (DEEP_BAYER.matcher(name).matches()) {
      return "pixel format "
          + name
          + " is not supported: PEKAT takes 8 bits per sample; choose BayerRG8 (or Mono8)";
    }
    if (DEEP_MONO.matcher(name).matches()) {
      return "pixel format "
          + name
          + " is not supported: PEKAT takes 8 bits per sample; choose Mono8";
    }
    if (COLOUR_OTHER.matcher(name).matches()) {
      return "pixel format "
          + name
          + " is not supported: PEKAT takes packed 8-bit BGR; choose BGR8, RGB8 with"
          + " convertRgbToBgr: true, BayerRG8 or Mono8";
    }
    for (String known : new String[] {"Mono8", "BayerRG8", "BGR8", "RGB8"}) {
      if (known.toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
        return "unknown pixel format '"
            + name
            + "': did you mean "
            + known
            + "? (names are case-sensitive)";
      }
    }
    return "unknown pixel format '" + name + "': " + SUPPORTED;
  }
}
