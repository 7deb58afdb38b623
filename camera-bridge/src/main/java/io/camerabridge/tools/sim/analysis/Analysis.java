package io.camerabridge.tools.sim.analysis;

import java.util.List;

/**
 * What {@link BlobAnalyzer} found in one frame: the grid of cell mean intensities and the bright
 * regions. The image is OK when there are no regions.
 *
 * @param cellSize edge of one square cell in pixels (cells at the right and bottom may be cut)
 * @param cellsWide number of cell columns
 * @param cellsHigh number of cell rows
 * @param cellMeans mean intensity (0 to 255) per cell, row-major; do not modify
 * @param threshold a cell is bright when its mean is at least this (0 to 255)
 * @param regions bright 8-connected regions in scan order (top row first, then left first)
 */
public record Analysis(
    int cellSize,
    int cellsWide,
    int cellsHigh,
    int[] cellMeans,
    int threshold,
    List<Region> regions) {

  /** PEKAT's verdict: {@code true} = OK, {@code false} = NG (at least one region). */
  public boolean ok() {
    return regions.isEmpty();
  }

  /** The brightest cell mean divided by 255, reported as the context's {@code score}. */
  public double score() {
    int max = 0;
    for (int mean : cellMeans) {
      max = Math.max(max, mean);
    }
    return max / 255.0;
  }

  /**
   * How strongly a cell glows in the heatmap, 0 to 1: nothing below half the threshold, rising
   * linearly to full at the threshold, so a heatmap shows regions that are nearly defects too.
   */
  public double heat(int cellIndex) {
    double half = threshold / 2.0;
    return Math.max(0, Math.min(1, (cellMeans[cellIndex] - half) / half));
  }
}
