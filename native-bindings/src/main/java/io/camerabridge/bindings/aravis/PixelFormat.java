package io.camerabridge.bindings.aravis;

/**
 * GenICam pixel formats with their Aravis ({@code ArvPixelFormat}, GigE Vision PFNC) codes.
 *
 * <p>Codes are {@code 0xCCBBIIII}: colour class, bits per pixel, id. A code not listed here maps to
 * {@link #UNKNOWN}; keep the raw code alongside (frames expose both) and use {@link
 * #bitsPerPixel(int)}, which works for any code.
 */
public enum PixelFormat {
  MONO8("Mono8", 0x01080001),
  MONO10("Mono10", 0x01100003),
  MONO12("Mono12", 0x01100005),
  MONO16("Mono16", 0x01100007),
  BAYER_GR8("BayerGR8", 0x01080008),
  BAYER_RG8("BayerRG8", 0x01080009),
  BAYER_GB8("BayerGB8", 0x0108000A),
  BAYER_BG8("BayerBG8", 0x0108000B),
  BAYER_GR12("BayerGR12", 0x01100010),
  BAYER_RG12("BayerRG12", 0x01100011),
  BAYER_GB12("BayerGB12", 0x01100012),
  BAYER_BG12("BayerBG12", 0x01100013),
  BAYER_GR16("BayerGR16", 0x0110002E),
  BAYER_RG16("BayerRG16", 0x0110002F),
  BAYER_GB16("BayerGB16", 0x01100030),
  BAYER_BG16("BayerBG16", 0x01100031),
  RGB8("RGB8", 0x02180014),
  BGR8("BGR8", 0x02180015),
  RGBA8("RGBA8", 0x02200016),
  YUV422_PACKED("YUV422Packed", 0x0210001F),
  /** A code this enum does not know; see the frame's raw code. */
  UNKNOWN("Unknown", 0);

  private final String genicamName;
  private final int code;

  PixelFormat(String genicamName, int code) {
    this.genicamName = genicamName;
    this.code = code;
  }

  /** The GenICam {@code PixelFormat} enumeration entry, e.g. {@code BayerRG8}. */
  public String genicamName() {
    return genicamName;
  }

  /** The Aravis / PFNC code. */
  public int code() {
    return code;
  }

  /** Bits per pixel (0 for {@link #UNKNOWN}). */
  public int bitsPerPixel() {
    return bitsPerPixel(code);
  }

  /** Bits per pixel encoded in any Aravis pixel-format code. */
  public static int bitsPerPixel(int code) {
    return (code >>> 16) & 0xff;
  }

  /** The format with this code, or {@link #UNKNOWN}. */
  public static PixelFormat fromCode(int code) {
    for (PixelFormat f : values()) {
      if (f != UNKNOWN && f.code == code) {
        return f;
      }
    }
    return UNKNOWN;
  }

  /** The format with this GenICam name, or {@link #UNKNOWN}. */
  public static PixelFormat fromGenicamName(String name) {
    for (PixelFormat f : values()) {
      if (f != UNKNOWN && f.genicamName.equals(name)) {
        return f;
      }
    }
    return UNKNOWN;
  }
}
