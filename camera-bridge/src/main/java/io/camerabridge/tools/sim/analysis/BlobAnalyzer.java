package io.camerabridge.tools.sim.analysis;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * The simulator's deterministic "inspection": the image is divided into square cells of {@link
 * #CELL_SIZE} pixels, each cell's mean intensity is computed from every pixel in it, cells whose
 * mean is at least the threshold are bright, and each 8-connected group of bright cells becomes one
 * defect rectangle. A test that paints a white square aligned to the cell grid on a dark image
 * knows the exact rectangle PEKAT will report.
 *
 * <p>A cell's intensity is the mean of all its bytes, whatever the layout: gray is the pixel value;
 * BGR is {@code (B + G + R) / 3}; Bayer RG8 averages the photosites, which over a cell of even size
 * and origin equals the mean of {@code (R + 2G + B) / 4} over its 2x2 blocks. Every byte is read
 * (no subsampling, so a defect filling one cell is never missed), eight at a time as one 64-bit
 * word, so a 1920x1200 frame costs about one memory pass: a few milliseconds, BGR three times that.
 */
public final class BlobAnalyzer {
  /** Edge of one analysis cell in pixels. Even, so a cell covers whole Bayer 2x2 blocks. */
  public static final int CELL_SIZE = 8;

  /** Default brightness threshold on a cell's mean intensity (0 to 255). */
  public static final int DEFAULT_THRESHOLD = 200;

  /** More regions than this are not reported (a noisy image must not make a huge context). */
  public static final int MAX_REGIONS = 256;

  private static final VarHandle WORDS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

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
    // Rows are copied out first: one bulk copy per row is fast on the aggregator's composite
    // buffers, where reading words in place would look up the component for every word.
    byte[] row = new byte[frame.rowBytes()];
    int cellBytes = CELL_SIZE * frame.layout().bytesPerPixel();
    for (int y = 0; y < frame.height(); y++) {
      frame.readRow(y, row);
      addRow(row, cellBytes, sums, (y / CELL_SIZE) * cellsWide);
    }
    int[] means =
        means(sums, frame.width(), frame.height(), frame.layout().bytesPerPixel(), cellsWide);
    return new Analysis(
        CELL_SIZE, cellsWide, cellsHigh, means, threshold, regions(means, cellsWide, frame));
  }

  /**
   * Adds one row to its cells' sums. A cell row is 8 (gray, Bayer) or 24 (BGR) bytes: whole 64-bit
   * words, each summed without a per-byte loop; only a cut cell at the right edge goes byte by
   * byte.
   */
  private static void addRow(byte[] row, int cellBytes, long[] sums, int base) {
    int fullCells = row.length / cellBytes;
    int i = 0;
    for (int cell = 0; cell < fullCells; cell++) {
      int sum = 0;
      for (int end = i + cellBytes; i < end; i += Long.BYTES) {
        sum += byteSum((long) WORDS.get(row, i));
      }
      sums[base + cell] += sum;
    }
    int rest = 0;
    for (; i < row.length; i++) {
      rest += row[i] & 0xff;
    }
    if (rest > 0) {
      sums[base + fullCells] += rest;
    }
  }

  /**
   * Sum of the 8 unsigned bytes of {@code v}: add neighbouring bytes into four 16-bit lanes, then
   * one multiplication gathers the lanes into the top 16 bits (at most 2040, so no lane carries).
   */
  static int byteSum(long v) {
    long pairs = (v & 0x00FF00FF00FF00FFL) + ((v >>> 8) & 0x00FF00FF00FF00FFL);
    return (int) ((pairs * 0x0001000100010001L) >>> 48);
  }

  private static int[] means(long[] sums, int width, int height, int bpp, int cellsWide) {
    int[] means = new int[sums.length];
    for (int cell = 0; cell < sums.length; cell++) {
      int cx = cell % cellsWide;
      int cy = cell / cellsWide;
      int w = Math.min(CELL_SIZE, width - cx * CELL_SIZE);
      int h = Math.min(CELL_SIZE, height - cy * CELL_SIZE);
      means[cell] = (int) (sums[cell] / ((long) w * h * bpp));
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
