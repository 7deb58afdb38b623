package io.camerabridge.tools.sim;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.zip.CRC32C;
import javax.imageio.ImageIO;

/** Test images with predictable defects: dark frames with bright rectangles. */
final class Images {
  private Images() {}

  /** A gray frame of value 20 with a 255 rectangle at (x, y, w, h). */
  static byte[] gray(int width, int height, int... rect) {
    byte[] pixels = new byte[width * height];
    java.util.Arrays.fill(pixels, (byte) 20);
    paint(pixels, width, 1, rect, 255, 255, 255);
    return pixels;
  }

  /** A BGR frame, dark blue background, with a white rectangle. */
  static byte[] bgr(int width, int height, int... rect) {
    byte[] pixels = new byte[width * height * 3];
    for (int i = 0; i < pixels.length; i += 3) {
      pixels[i] = 60; // blue
    }
    paint(pixels, width, 3, rect, 255, 255, 255);
    return pixels;
  }

  /**
   * A Bayer RG8 mosaic of a scene that is dark red (R=120, G=B=0, intensity 30) with a white
   * rectangle: only a correct Bayer reduction finds exactly the rectangle.
   */
  static byte[] bayer(int width, int height, int... rect) {
    byte[] pixels = new byte[width * height];
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        boolean red = y % 2 == 0 && x % 2 == 0;
        boolean inside =
            rect.length == 4
                && x >= rect[0]
                && x < rect[0] + rect[2]
                && y >= rect[1]
                && y < rect[1] + rect[3];
        pixels[y * width + x] = (byte) (inside ? 255 : red ? 120 : 0);
      }
    }
    return pixels;
  }

  private static void paint(byte[] pixels, int width, int bpp, int[] rect, int... value) {
    if (rect.length != 4) {
      return;
    }
    for (int y = rect[1]; y < rect[1] + rect[3]; y++) {
      for (int x = rect[0]; x < rect[0] + rect[2]; x++) {
        for (int c = 0; c < bpp; c++) {
          pixels[(y * width + x) * bpp + c] = (byte) value[c];
        }
      }
    }
  }

  static byte[] png(BufferedImage image) {
    return encode(image, "png");
  }

  static byte[] encode(BufferedImage image, String format) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      if (!ImageIO.write(image, format, out)) {
        throw new IllegalStateException("no ImageIO writer for " + format);
      }
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static BufferedImage decode(byte[] encoded) {
    try {
      BufferedImage image = ImageIO.read(new ByteArrayInputStream(encoded));
      if (image == null) {
        throw new IllegalStateException("not an image: " + encoded.length + " bytes");
      }
      return image;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static long crc32c(byte[] bytes) {
    CRC32C crc = new CRC32C();
    crc.update(bytes);
    return crc.getValue();
  }
}
