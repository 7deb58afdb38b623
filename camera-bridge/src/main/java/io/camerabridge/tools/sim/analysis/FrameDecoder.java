package io.camerabridge.tools.sim.analysis;

import io.camerabridge.pekat.RawLayout;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import io.netty.buffer.Unpooled;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.IOException;
import java.io.InputStream;
import javax.imageio.ImageIO;

/** Turns request bodies into {@link Frame}s, with the validation rules of PEKAT's endpoints. */
public final class FrameDecoder {

  private FrameDecoder() {}

  /**
   * Parses the {@code width} and {@code height} query values of a raw request.
   *
   * @return {@code {width, height}}
   * @throws InvalidImageException if a value is missing, not a positive integer, or the image is
   *     too large for one request
   */
  public static int[] size(String width, String height) throws InvalidImageException {
    int w = dimension("width", width);
    int h = dimension("height", height);
    if ((long) w * h * 3 > Integer.MAX_VALUE) {
      throw new InvalidImageException(
          "image " + w + "x" + h + " is too large: at most 2 GiB of pixels per request");
    }
    return new int[] {w, h};
  }

  private static int dimension(String name, String value) throws InvalidImageException {
    if (value == null || value.isEmpty()) {
      throw new InvalidImageException(
          "missing query parameter '" + name + "': send ?width=W&height=H in pixels");
    }
    int parsed;
    try {
      parsed = Integer.parseInt(value);
    } catch (NumberFormatException e) {
      parsed = -1;
    }
    if (parsed <= 0) {
      throw new InvalidImageException(
          "query parameter '" + name + "' must be a positive integer, got '" + value + "'");
    }
    return parsed;
  }

  /**
   * The layout a raw body of {@code length} bytes has, inferred as PEKAT does: {@code W*H} is gray
   * (or Bayer RG8 with the {@code bayer} flag), {@code W*H*3} is BGR.
   *
   * @throws InvalidImageException if the length fits no layout
   */
  public static RawLayout layout(int width, int height, long length, boolean bayer)
      throws InvalidImageException {
    long pixels = (long) width * height;
    if (bayer) {
      if (length == pixels) {
        return RawLayout.BAYER_RG8;
      }
      throw new InvalidImageException(
          String.format(
              "body has %d bytes but a %dx%d Bayer RG8 image (bayer flag) needs exactly %d",
              length, width, height, pixels));
    }
    if (length == pixels) {
      return RawLayout.GRAY8;
    }
    if (length == pixels * 3) {
      return RawLayout.BGR8;
    }
    throw new InvalidImageException(
        String.format(
            "body has %d bytes but a %dx%d image needs %d (gray, 1 byte per pixel)"
                + " or %d (BGR, 3 bytes per pixel), rows without padding",
            length, width, height, pixels, pixels * 3));
  }

  /**
   * Decodes an encoded image file (PNG, JPEG, BMP: whatever the JDK's ImageIO reads) into a gray or
   * BGR frame backed by a new heap buffer.
   *
   * @throws InvalidImageException if the body is empty or not a readable image
   */
  public static Frame decodeEncoded(ByteBuf body) throws InvalidImageException {
    if (!body.isReadable()) {
      throw new InvalidImageException("empty body: analyze_image needs a PNG or JPEG file");
    }
    BufferedImage decoded;
    try (InputStream in = new ByteBufInputStream(body.duplicate())) {
      decoded = ImageIO.read(in);
    } catch (IOException | RuntimeException e) {
      throw new InvalidImageException(
          "body is not a readable PNG or JPEG image (" + oneLine(e.getMessage()) + ")");
    }
    if (decoded == null) {
      throw new InvalidImageException(
          "body ("
              + body.readableBytes()
              + " bytes) is not a PNG, JPEG or BMP image: analyze_image needs an image file");
    }
    return toFrame(decoded);
  }

  private static Frame toFrame(BufferedImage decoded) {
    boolean gray = decoded.getType() == BufferedImage.TYPE_BYTE_GRAY;
    BufferedImage packed =
        new BufferedImage(
            decoded.getWidth(),
            decoded.getHeight(),
            gray ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_3BYTE_BGR);
    Graphics2D g = packed.createGraphics();
    try {
      g.drawImage(decoded, 0, 0, null);
    } finally {
      g.dispose();
    }
    // A freshly created image's raster is one tightly packed array in exactly PEKAT's layout.
    byte[] bytes = ((DataBufferByte) packed.getRaster().getDataBuffer()).getData();
    return Frame.of(
        packed.getWidth(),
        packed.getHeight(),
        gray ? RawLayout.GRAY8 : RawLayout.BGR8,
        Unpooled.wrappedBuffer(bytes));
  }

  private static String oneLine(String message) {
    return message == null ? "no detail" : message.replaceAll("\\s+", " ").trim();
  }
}
