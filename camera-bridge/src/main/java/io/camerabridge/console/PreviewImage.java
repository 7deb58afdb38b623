package io.camerabridge.console;

import io.camerabridge.pekat.RawLayout;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
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

  /**
   * Downscales (and debayers) tightly packed pixels into a BGR picture, writing its raster
   * directly: a preview of a 1920x1200 frame costs a few milliseconds of one thread.
   */
  static BufferedImage scale(
      ByteBuffer pixels, int width, int height, RawLayout layout, int maxWidth) {
    int[] size = size(width, height, maxWidth);
    int outW = size[0];
    int outH = size[1];
    BufferedImage image = new BufferedImage(outW, outH, BufferedImage.TYPE_3BYTE_BGR);
    byte[] out = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
    int[] columns = new int[outW];
    for (int x = 0; x < outW; x++) {
      columns[x] = (int) ((long) x * width / outW);
    }
    int o = 0;
    for (int y = 0; y < outH; y++) {
      int sy = (int) ((long) y * height / outH);
      o =
          switch (layout) {
            case GRAY8 -> grayRow(pixels, width, sy, columns, out, o);
            case BGR8 -> bgrRow(pixels, width, sy, columns, out, o);
            default -> bayerRow(pixels, width, height, sy, columns, out, o);
          };
    }
    return image;
  }

  private static int grayRow(ByteBuffer p, int width, int y, int[] columns, byte[] out, int o) {
    int row = y * width;
    for (int x : columns) {
      byte v = p.get(row + x);
      out[o++] = v;
      out[o++] = v;
      out[o++] = v;
    }
    return o;
  }

  private static int bgrRow(ByteBuffer p, int width, int y, int[] columns, byte[] out, int o) {
    int row = y * width;
    for (int x : columns) {
      int i = (row + x) * 3;
      out[o++] = p.get(i);
      out[o++] = p.get(i + 1);
      out[o++] = p.get(i + 2);
    }
    return o;
  }

  /** RGGB: even rows R G, odd rows G B; each output pixel takes the 2x2 block that holds it. */
  private static int bayerRow(
      ByteBuffer p, int width, int height, int y, int[] columns, byte[] out, int o) {
    if (width < 2 || height < 2) {
      return grayRow(p, width, y, columns, out, o);
    }
    int top = Math.min(y & ~1, height - 2) * width;
    int bottom = top + width;
    for (int x : columns) {
      int bx = Math.min(x & ~1, width - 2);
      int g = ((p.get(top + bx + 1) & 0xff) + (p.get(bottom + bx) & 0xff)) >> 1;
      out[o++] = p.get(bottom + bx + 1);
      out[o++] = (byte) g;
      out[o++] = p.get(top + bx);
    }
    return o;
  }

  /** Scales an already small picture further down (for {@code ?width=}). */
  static BufferedImage shrink(BufferedImage image, int maxWidth) {
    if (image.getWidth() <= maxWidth) {
      return image;
    }
    int[] size = size(image.getWidth(), image.getHeight(), maxWidth);
    BufferedImage out = new BufferedImage(size[0], size[1], BufferedImage.TYPE_3BYTE_BGR);
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
