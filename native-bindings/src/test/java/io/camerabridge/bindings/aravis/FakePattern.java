package io.camerabridge.bindings.aravis;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;

/**
 * Checks an 8-bit Bayer frame against the diagonal ramp Aravis's fake camera draws (0.8.26, {@code
 * arv_fake_camera_diagonal_ramp}): with exposure 10 ms and gain 0 the colour index of pixel (x, y)
 * is {@code (x + y + frameId) % 255}, and the byte is one channel of a jet colour map, chosen by
 * the parity of x and y.
 *
 * <p>Instead of a copy of the colour map, each of the three Bayer sites (both green sites share
 * one) learns its channel value per index from the frame and every other pixel must agree, so a
 * wrong stride, offset or truncated row shows up as a contradiction. A few well-known points of the
 * jet map (dark blue at 0, grey-green at 127) pin the pattern itself.
 */
final class FakePattern {
  private FakePattern() {}

  static void assertDiagonalRamp(ByteBuffer data, int width, int height, long frameId) {
    int[][] channel = new int[3][255];
    for (int[] c : channel) {
      java.util.Arrays.fill(c, -1);
    }
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        int index = (int) ((x + y + frameId) % 255);
        int site = ((x & 1) == (y & 1)) ? (x & 1) * 2 : 1; // 0: even/even, 1: green, 2: odd/odd
        int value = data.get(y * width + x) & 0xff;
        if (channel[site][index] < 0) {
          channel[site][index] = value;
        } else if (channel[site][index] != value) {
          throw new AssertionError(
              "Pixel ("
                  + x
                  + ", "
                  + y
                  + ") of frame "
                  + frameId
                  + " is "
                  + value
                  + ", expected "
                  + channel[site][index]
                  + " like every pixel of its Bayer site with colour index "
                  + index);
        }
      }
    }
    // jet(0) = (r 0, g 0, b 132), jet(127) = (128, 255, 128); RG8 puts blue on even/even sites.
    assertThat(channel[0][0]).as("blue at index 0").isEqualTo(132);
    assertThat(channel[1][0]).as("green at index 0").isZero();
    assertThat(channel[2][0]).as("red at index 0").isZero();
    assertThat(channel[1][127]).as("green at index 127").isEqualTo(255);
    assertThat(channel[2][127]).as("red at index 127").isEqualTo(128);
  }
}
