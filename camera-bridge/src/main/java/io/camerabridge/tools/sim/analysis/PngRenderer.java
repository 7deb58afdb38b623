package io.camerabridge.tools.sim.analysis;

import io.camerabridge.pekat.RawLayout;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * Renders PEKAT's three image response types as PNG files the size of the frame: the frame itself
 * ({@code image}), the frame with the heatmap blended in and each region outlined in red ({@code
 * annotated_image}), and the heatmap alone on black ({@code heatmap}). No text is drawn, so no
 * fonts are needed on a headless server.
 */
public final class PngRenderer {
  private static final Color RECTANGLE = new Color(255, 32, 32);

  /**
   * PNG deflate level 1 (JDK writer: level = 9 * (1 - quality)): fast enough for full frames; the
   * files are larger than with the default, which does not matter on loopback.
   */
  private static final float PNG_QUALITY = 0.85f;

  private PngRenderer() {}

  /** The frame as a PNG: gray stays gray, BGR and demosaiced Bayer become RGB. */
  public static byte[] image(Frame frame) {
    return encode(toImage(frame));
  }

  /** The frame with the heatmap overlay and the regions' rectangles drawn. */
  public static byte[] annotated(Frame frame, Analysis analysis) {
    BufferedImage canvas =
        new BufferedImage(frame.width(), frame.height(), BufferedImage.TYPE_INT_RGB);
    Graphics2D g = canvas.createGraphics();
    try {
      g.drawImage(toImage(frame), 0, 0, null);
      g.drawImage(heatImage(analysis, true), 0, 0, gridWidth(analysis), gridHeight(analysis), null);
      int stroke = Math.max(2, Math.min(frame.width(), frame.height()) / 300);
      g.setStroke(new BasicStroke(stroke));
      g.setColor(RECTANGLE);
      for (Region r : analysis.regions()) {
        // Drawn inside the region so the outline stays visible at the image border.
        g.drawRect(
            r.x() + stroke / 2,
            r.y() + stroke / 2,
            Math.max(1, r.width() - stroke),
            Math.max(1, r.height() - stroke));
      }
    } finally {
      g.dispose();
    }
    return encode(canvas);
  }

  /** The heatmap alone, frame-sized, black where nothing is bright. */
  public static byte[] heatmap(Frame frame, Analysis analysis) {
    BufferedImage canvas =
        new BufferedImage(frame.width(), frame.height(), BufferedImage.TYPE_INT_RGB);
    Graphics2D g = canvas.createGraphics();
    try {
      g.drawImage(
          heatImage(analysis, false), 0, 0, gridWidth(analysis), gridHeight(analysis), null);
    } finally {
      g.dispose();
    }
    return encode(canvas);
  }

  private static int gridWidth(Analysis a) {
    return a.cellsWide() * a.cellSize();
  }

  private static int gridHeight(Analysis a) {
    return a.cellsHigh() * a.cellSize();
  }

  /** One pixel per cell; drawn scaled up (nearest neighbour), so each cell is a flat square. */
  private static BufferedImage heatImage(Analysis analysis, boolean translucent) {
    BufferedImage heat =
        new BufferedImage(
            analysis.cellsWide(),
            analysis.cellsHigh(),
            translucent ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
    for (int cy = 0; cy < analysis.cellsHigh(); cy++) {
      for (int cx = 0; cx < analysis.cellsWide(); cx++) {
        double h = analysis.heat(cy * analysis.cellsWide() + cx);
        int alpha = translucent ? (int) Math.round(h * 150) : 255;
        heat.setRGB(cx, cy, (alpha << 24) | hot(h));
      }
    }
    return heat;
  }

  /** The "hot" colour ramp: black, red, yellow, white as {@code h} goes from 0 to 1. */
  private static int hot(double h) {
    int r = channel(3 * h);
    int g = channel(3 * h - 1);
    int b = channel(3 * h - 2);
    return (r << 16) | (g << 8) | b;
  }

  private static int channel(double v) {
    return (int) Math.round(255 * Math.max(0, Math.min(1, v)));
  }

  /** The frame as a BufferedImage whose raster holds a copy of the pixels. */
  static BufferedImage toImage(Frame frame) {
    if (frame.layout() == RawLayout.BAYER_RG8) {
      return demosaic(frame);
    }
    int type =
        frame.layout() == RawLayout.GRAY8
            ? BufferedImage.TYPE_BYTE_GRAY
            : BufferedImage.TYPE_3BYTE_BGR;
    BufferedImage image = new BufferedImage(frame.width(), frame.height(), type);
    // TYPE_3BYTE_BGR stores B, G, R per pixel: PEKAT's BGR layout, so rows copy straight in.
    byte[] data = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
    byte[] row = new byte[frame.rowBytes()];
    for (int y = 0; y < frame.height(); y++) {
      frame.readRow(y, row);
      System.arraycopy(row, 0, data, y * row.length, row.length);
    }
    return image;
  }

  /**
   * Bayer RG8 to colour by 2x2 superpixels: each block R G / G B gives its four pixels the colour
   * (R, mean of the two G, B). Half the colour resolution, exact colours, no interpolation
   * artefacts that would move a region's edge.
   */
  private static BufferedImage demosaic(Frame frame) {
    int w = frame.width();
    int h = frame.height();
    BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
    byte[] data = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
    byte[] even = new byte[w];
    byte[] odd = new byte[w];
    for (int y = 0; y < h; y += 2) {
      frame.readRow(y, even);
      frame.readRow(Math.min(y + 1, h - 1), odd);
      for (int x = 0; x < w; x += 2) {
        int x1 = Math.min(x + 1, w - 1);
        int r = even[x] & 0xff;
        int g = ((even[x1] & 0xff) + (odd[x] & 0xff)) / 2;
        int b = odd[x1] & 0xff;
        for (int py = y; py < Math.min(y + 2, h); py++) {
          for (int px = x; px <= x1; px++) {
            int i = (py * w + px) * 3;
            data[i] = (byte) b;
            data[i + 1] = (byte) g;
            data[i + 2] = (byte) r;
          }
        }
      }
    }
    return image;
  }

  static byte[] encode(BufferedImage image) {
    ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
    ByteArrayOutputStream out = new ByteArrayOutputStream(image.getWidth() * image.getHeight());
    try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
      writer.setOutput(stream);
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionQuality(PNG_QUALITY);
      writer.write(null, new IIOImage(image, null, null), param);
    } catch (IOException e) {
      throw new UncheckedIOException("PNG encoding into memory failed", e);
    } finally {
      writer.dispose();
    }
    return out.toByteArray();
  }
}
