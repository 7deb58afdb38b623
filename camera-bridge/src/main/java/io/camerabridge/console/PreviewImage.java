package io.camerabridge.console;

import io.camerabridge.pekat.RawLayout;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Turns a frame into a small RGB picture for the console: nearest-neighbour downscaling to at most
 * {@link #MAX_WIDTH} pixels wide, BayerRG8 debayered by 2x2 blocks (one R, two G averaged, one B),
 * then JPEG. It reads only the samples it keeps (about a ninth of a 1920x1200 frame), so it is
 * cheap; the preview is for eyes, not for inspection.
 */
final class PreviewImage {
  static final int MAX_WIDTH = 640;
  private static final float QUALITY = 0.8f;

  private PreviewImage() {}

  /**
   * The size of the preview of a {@code width}x{@code height} frame at most {@code maxWidth} wide.
   */
  static int[] size(int width, int height, int maxWidth) {
    int w = Math.max(1, Math.min(maxWidth, width));
    int h = Math.max(1, (int) Math.round((double) height * w / width));
    return new int[] {w, h};
  }

  /** Downscales (and debayers) tightly packed pixels. */
  static BufferedImage scale(
      ByteBuffer pixels, int width, int height, RawLayout layout, int maxWidth) {
    int[] size = size(width, height, maxWidth);
    int outW = size[0];
    int outH = size[1];
    BufferedImage image = new BufferedImage(outW, outH, BufferedImage.TYPE_INT_RGB);
    int[] row = new int[outW];
    for (int y = 0; y < outH; y++) {
      int sy = (int) ((long) y * height / outH);
      for (int x = 0; x < outW; x++) {
        int sx = (int) ((long) x * width / outW);
        row[x] = rgb(pixels, width, height, layout, sx, sy);
      }
      image.setRGB(0, y, outW, 1, row, 0, outW);
    }
    return image;
  }

  private static int rgb(ByteBuffer p, int width, int height, RawLayout layout, int x, int y) {
    switch (layout) {
      case GRAY8 -> {
        int v = p.get(y * width + x) & 0xff;
        return v << 16 | v << 8 | v;
      }
      case BGR8 -> {
        int i = (y * width + x) * 3;
        return (p.get(i + 2) & 0xff) << 16 | (p.get(i + 1) & 0xff) << 8 | (p.get(i) & 0xff);
      }
      default -> {
        // RGGB: even rows R G, odd rows G B. Take the 2x2 block that holds (x, y).
        int bx = Math.min(x & ~1, width - 2);
        int by = Math.min(y & ~1, height - 2);
        if (bx < 0 || by < 0) {
          int v = p.get(y * width + x) & 0xff;
          return v << 16 | v << 8 | v;
        }
        int top = by * width + bx;
        int r = p.get(top) & 0xff;
        int g = ((p.get(top + 1) & 0xff) + (p.get(top + width) & 0xff)) >> 1;
        int b = p.get(top + width + 1) & 0xff;
        return r << 16 | g << 8 | b;
      }
    }
  }

  /** Scales an already small picture further down (for {@code ?width=}). */
  static BufferedImage shrink(BufferedImage image, int maxWidth) {
    if (image.getWidth() <= maxWidth) {
      return image;
    }
    int[] size = size(image.getWidth(), image.getHeight(), maxWidth);
    BufferedImage out = new BufferedImage(size[0], size[1], BufferedImage.TYPE_INT_RGB);
    var g = out.createGraphics();
    try {
      g.setRenderingHint(
          java.awt.RenderingHints.KEY_INTERPOLATION,
          java.awt.RenderingHints.VALUE_INTERPOLATION_BILINEAR);
      g.drawImage(image, 0, 0, size[0], size[1], null);
    } finally {
      g.dispose();
    }
    return out;
  }

  /** JPEG bytes of the picture. */
  static byte[] jpeg(BufferedImage image) {
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 * 1024);
    try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
      writer.setOutput(out);
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionQuality(QUALITY);
      writer.write(null, new IIOImage(image, null, null), param);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      writer.dispose();
    }
    return bytes.toByteArray();
  }
}
