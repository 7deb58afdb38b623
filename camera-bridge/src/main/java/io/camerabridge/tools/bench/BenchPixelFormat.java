package io.camerabridge.tools.bench;

import io.camerabridge.pekat.RawLayout;

/** Pixel formats the benchmarks can synthesise, spelled as GenICam names them. */
enum BenchPixelFormat {
  Mono8(RawLayout.GRAY8),
  BayerRG8(RawLayout.BAYER_RG8),
  BGR8(RawLayout.BGR8);

  private final RawLayout layout;

  BenchPixelFormat(RawLayout layout) {
    this.layout = layout;
  }

  RawLayout layout() {
    return layout;
  }
}
