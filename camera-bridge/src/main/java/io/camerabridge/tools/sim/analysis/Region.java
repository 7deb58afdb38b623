package io.camerabridge.tools.sim.analysis;

/**
 * One bright connected region, in image pixels (top-left origin), as the union of the analysis
 * cells it covers, clipped to the image.
 *
 * @param meanIntensity mean of the region's cell means, 0 to 255
 */
public record Region(int x, int y, int width, int height, double meanIntensity) {}
