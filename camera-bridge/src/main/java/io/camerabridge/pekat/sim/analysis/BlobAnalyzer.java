package io.camerabridge.pekat.sim.analysis;

import io.camerabridge.pekat.RawLayout;
import java.util.ArrayList;
import java.util.List;

/**
 * The simulator's deterministic "inspection": the image is divided into square cells of {@link
 * #CELL_SIZE} pixels, each cell's mean intensity is computed from every pixel in it, cells whose
 * mean is at least the threshold are bright, and each 8-connected group of bright cells becomes one
 * defect rectangle. A test that paints a white square aligned to the cell grid on a dark image
 * knows the exact rectangle PEKAT will report.
 *
 * <p>Intensity: gray is the byte itself; BGR uses integer BT.601 luma {@code (77R + 150G + 29B) /
 * 256}; Bayer RG8 averages the photosites, which over a cell of even size and origin equals the
 * mean of {@code (R + 2G + B) / 4} over its 2x2 blocks. Reading every pixel costs about one pass
 * over the frame, a few milliseconds for 1920x1200.
 */
public final class BlobAnalyzer {
  /** Edge of one analysis cell in pixels. Even, so a cell covers whole Bayer 2x2 blocks. */
  public static final int CELL_SIZE = 8;

  /** Default brightness threshold on a cell's mean intensity (0 to 255). */
  public static final int DEFAULT_THRESHOLD = 200;

  /** More regions than this are not reported (a noisy image must not make a huge context). */
  public static final int MAX_REGIONS = 256;

  private final int threshold;

  public BlobAnalyzer(int threshold) {
    if (threshold < 1 || threshold > 255) {
      throw new IllegalArgumentException("threshold must be 1..255, got " + threshold);
    }
    this.threshold = threshold;
  }

  public int threshold() {
    return threshold;
  }

  /** Analyses one frame; reads every pixel once and keeps no reference to the frame. */
  public Analysis analyze(Frame frame) {
    int cellsWide = ceilDiv(frame.width(), CELL_SIZE);
    int cellsHigh = ceilDiv(frame.height(), CELL_SIZE);
    long[] sums = new long[cellsWide * cellsHigh];
    byte[] row = new byte[frame.rowBytes()];
    for (int y = 0; y < frame.height(); y++) {
      frame.readRow(y, row);
      int base = (y / CELL_SIZE) * cellsWide;
      if (frame.layout() == RawLayout.BGR8) {
        addBgrRow(row, frame.width(), sums, base);
      } else {
        addByteRow(row, frame.width(), sums, base);
      }
    }
    int[] means = means(sums, frame.width(), frame.height(), cellsWide);
    return new Analysis(
        CELL_SIZE, cellsWide, cellsHigh, means, threshold, regions(means, cellsWide, frame));
  }

  private static void addByteRow(byte[] row, int width, long[] sums, int base) {
    for (int x0 = 0, cell = base; x0 < width; x0 += CELL_SIZE, cell++) {
      int end = Math.min(width, x0 + CELL_SIZE);
      int sum = 0;
      for (int x = x0; x < end; x++) {
        sum += row[x] & 0xff;
      }
      sums[cell] += sum;
    }
  }

  private static void addBgrRow(byte[] row, int width, long[] sums, int base) {
    for (int x0 = 0, cell = base; x0 < width; x0 += CELL_SIZE, cell++) {
      int end = Math.min(width, x0 + CELL_SIZE) * 3;
      int sum = 0;
      for (int i = x0 * 3; i < end; i += 3) {
        sum += (29 * (row[i] & 0xff) + 150 * (row[i + 1] & 0xff) + 77 * (row[i + 2] & 0xff)) >> 8;
      }
      sums[cell] += sum;
    }
  }

  private static int[] means(long[] sums, int width, int height, int cellsWide) {
    int[] means = new int[sums.length];
    for (int cell = 0; cell < sums.length; cell++) {
      int cx = cell % cellsWide;
      int cy = cell / cellsWide;
      int w = Math.min(CELL_SIZE, width - cx * CELL_SIZE);
      int h = Math.min(CELL_SIZE, height - cy * CELL_SIZE);
      means[cell] = (int) (sums[cell] / ((long) w * h));
    }
    return means;
  }

  /** 8-connected components of bright cells, found by a flood fill in scan order. */
  private List<Region> regions(int[] means, int cellsWide, Frame frame) {
    List<Region> regions = new ArrayList<>();
    boolean[] seen = new boolean[means.length];
    int[] queue = new int[means.length];
    for (int start = 0; start < means.length && regions.size() < MAX_REGIONS; start++) {
      if (seen[start] || means[start] < threshold) {
        continue;
      }
      regions.add(fill(start, means, cellsWide, seen, queue, frame));
    }
    return List.copyOf(regions);
  }

  private Region fill(
      int start, int[] means, int cellsWide, boolean[] seen, int[] queue, Frame frame) {
    int cellsHigh = means.length / cellsWide;
    int head = 0;
    int tail = 0;
    queue[tail++] = start;
    seen[start] = true;
    int minX = Integer.MAX_VALUE;
    int minY = Integer.MAX_VALUE;
    int maxX = -1;
    int maxY = -1;
    long total = 0;
    while (head < tail) {
      int cell = queue[head++];
      int cx = cell % cellsWide;
      int cy = cell / cellsWide;
      minX = Math.min(minX, cx);
      maxX = Math.max(maxX, cx);
      minY = Math.min(minY, cy);
      maxY = Math.max(maxY, cy);
      total += means[cell];
      for (int ny = Math.max(0, cy - 1); ny <= Math.min(cellsHigh - 1, cy + 1); ny++) {
        for (int nx = Math.max(0, cx - 1); nx <= Math.min(cellsWide - 1, cx + 1); nx++) {
          int next = ny * cellsWide + nx;
          if (!seen[next] && means[next] >= threshold) {
            seen[next] = true;
            queue[tail++] = next;
          }
        }
      }
    }
    int x = minX * CELL_SIZE;
    int y = minY * CELL_SIZE;
    int right = Math.min(frame.width(), (maxX + 1) * CELL_SIZE);
    int bottom = Math.min(frame.height(), (maxY + 1) * CELL_SIZE);
    return new Region(x, y, right - x, bottom - y, (double) total / tail);
  }

  private static int ceilDiv(int a, int b) {
    return (a + b - 1) / b;
  }
}
