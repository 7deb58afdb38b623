package io.camerabridge.bindings.aravis;

/**
 * Pixel binning factors.
 *
 * @param horizontal pixels combined horizontally (1 = none)
 * @param vertical pixels combined vertically (1 = none)
 */
public record Binning(int horizontal, int vertical) {}
