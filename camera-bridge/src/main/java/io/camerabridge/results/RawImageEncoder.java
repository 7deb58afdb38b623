package io.camerabridge.results;

import io.camerabridge.pekat.RawLayout;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import javax.imageio.ImageIO;

/**
 * Turns a raw frame (the exact bytes sent to PEKAT) into a PNG a person can open. Bayer RG8 is
 * demosaiced by replicating each 2x2 cell's colour: coarse, but fast and honest about the data.
 */
public final class RawImageEncoder {
  private RawImageEncoder() {}

  /** Encodes the frame as PNG; {@code data} is read from its position and is not modified. */
  public static byte[] toPng(ByteBuffer data, int width, int height, RawLayout layout) {
    BufferedImage image = toImage(data, width, height, layout);
    ByteArrayOutputStream png = new ByteArrayOutputStream(width * height);
    try {
      if (!ImageIO.write(image, "png", png)) {
        throw new IllegalStateException("the JDK has no PNG writer");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return png.toByteArray();
  }

  /** Decodes the raw layout into an image the JDK can encode. */
  public static BufferedImage toImage(ByteBuffer data, int width, int height, RawLayout layout) {
    long expected = layout.bodyLength(width, height);
    if (data.remaining() < expected) {
      throw new IllegalArgumentException(
          "frame has "
              + data.remaining()
              + " bytes, "
              + layout
              + " "
              + width
              + "x"
              + height
              + " needs "
              + expected);
    }
    ByteBuffer src = data.duplicate();
    switch (layout) {
      case GRAY8:
        {
          BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
          src.get(pixels(image), 0, width * height);
          return image;
        }
      case BGR8:
        {
          // TYPE_3BYTE_BGR stores B, G, R per pixel: the PEKAT layout byte for byte.
          BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
          src.get(pixels(image), 0, width * height * 3);
          return image;
        }
      case BAYER_RG8:
        return demosaicRg(src, width, height);
      default:
        throw new IllegalArgumentException("unsupported layout " + layout);
    }
  }

  private static BufferedImage demosaicRg(ByteBuffer src, int width, int height) {
    byte[] mosaic = new byte[width * height];
    src.get(mosaic);
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
    byte[] bgr = pixels(image);
    for (int y = 0; y < height; y += 2) {
      int y1 = Math.min(y + 1, height - 1);
      for (int x = 0; x < width; x += 2) {
        int x1 = Math.min(x + 1, width - 1);
        int r = mosaic[y * width + x] & 0xff;
        int g = ((mosaic[y * width + x1] & 0xff) + (mosaic[y1 * width + x] & 0xff)) >> 1;
        int b = mosaic[y1 * width + x1] & 0xff;
        fill(bgr, width, x, y, b, g, r);
        fill(bgr, width, x1, y, b, g, r);
        fill(bgr, width, x, y1, b, g, r);
        fill(bgr, width, x1, y1, b, g, r);
      }
    }
    return image;
  }

  private static void fill(byte[] bgr, int width, int x, int y, int b, int g, int r) {
    int i = (y * width + x) * 3;
    bgr[i] = (byte) b;
    bgr[i + 1] = (byte) g;
    bgr[i + 2] = (byte) r;
  }

  private static byte[] pixels(BufferedImage image) {
    return ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
  }
}
