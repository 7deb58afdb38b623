package io.camerabridge.pekat;

/**
 * The pixel layouts PEKAT's {@code analyze_raw_image} accepts: rows tightly packed, 8 bits per
 * sample. PEKAT infers the channel count from the body length; Bayer data needs the bare {@code
 * bayer} query flag, and only the RG pattern is documented.
 */
public enum RawLayout {
  /** One byte per pixel, {@code W*H} bytes. */
  GRAY8(1, false),
  /** Bayer RG8 mosaic, {@code W*H} bytes, sent with the {@code bayer} flag. */
  BAYER_RG8(1, true),
  /** Blue, green, red per pixel, {@code W*H*3} bytes (OpenCV order). */
  BGR8(3, false);

  private final int bytesPerPixel;
  private final boolean bayerFlag;

  RawLayout(int bytesPerPixel, boolean bayerFlag) {
    this.bytesPerPixel = bytesPerPixel;
    this.bayerFlag = bayerFlag;
  }

  /** Bytes each pixel takes in the request body. */
  public int bytesPerPixel() {
    return bytesPerPixel;
  }

  /** Whether the request carries the bare {@code bayer} query flag. */
  public boolean bayerFlag() {
    return bayerFlag;
  }

  /** The exact body length PEKAT expects for an image of this size. */
  public long bodyLength(int width, int height) {
    return (long) width * height * bytesPerPixel;
  }
}
