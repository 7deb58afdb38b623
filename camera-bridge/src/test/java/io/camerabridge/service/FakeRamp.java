package io.camerabridge.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.camerabridge.bindings.aravis.ArvFrame;
import io.camerabridge.bindings.aravis.Camera;
import io.camerabridge.bindings.aravis.PixelFormat;
import io.camerabridge.bindings.aravis.Region;
import io.camerabridge.bindings.aravis.SocketBuffer;
import io.camerabridge.bindings.aravis.Stream;
import io.camerabridge.bindings.aravis.StreamOptions;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Optional;
import java.util.zip.CRC32C;

/**
 * The bytes Aravis's fake camera produces for a BayerRG8 frame, so a test can predict the body of
 * every request: pixel (x, y) is the jet-colour-map channel of its Bayer site at index {@code (x +
 * y + frameId) % 255} (exposure 10 ms, gain 0). The colour map itself is learnt from one frame
 * captured through the binding, not copied from Aravis.
 */
final class FakeRamp {
  private static final int INDICES = 255;

  /** table[site][index], site = (y & 1) * 2 + (x & 1). */
  private final int[][] table = new int[4][INDICES];

  private FakeRamp() {}

  /** Opens the camera, grabs one complete 1920x1200 BayerRG8 frame and learns its colours. */
  static FakeRamp learn(String device, int width, int height) {
    try (Camera camera = Camera.open(device)) {
      camera.gige().ifPresent(g -> g.setPacketSocketEnabled(false));
      camera.image().setPixelFormat(PixelFormat.BAYER_RG8);
      camera.image().setRegion(new Region(0, 0, width, height));
      camera.image().setExposure(Duration.ofMillis(10));
      camera.image().setGain(0);
      StreamOptions options =
          StreamOptions.builder().bufferCount(4).socketBuffer(SocketBuffer.automatic()).build();
      try (Stream stream = camera.createStream(options)) {
        camera.startAcquisition();
        long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < end) {
          Optional<ArvFrame> popped = stream.pop(Duration.ofSeconds(1));
          if (popped.isEmpty()) {
            continue;
          }
          try (ArvFrame frame = popped.get()) {
            if (frame.isComplete()) {
              FakeRamp ramp = new FakeRamp();
              ramp.learnFrom(frame.data(), width, height, frame.frameId());
              camera.stopAcquisition();
              return ramp;
            }
          }
        }
      }
    }
    throw new AssertionError("the fake camera sent no complete frame within 20 s");
  }

  private void learnFrom(ByteBuffer data, int width, int height, long frameId) {
    for (int[] site : table) {
      java.util.Arrays.fill(site, -1);
    }
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        int site = (y & 1) * 2 + (x & 1);
        int index = (int) ((x + y + frameId) % INDICES);
        int value = data.get(y * width + x) & 0xff;
        if (table[site][index] == -1) {
          table[site][index] = value;
        } else {
          assertThat(value)
              .as("pixel (%d,%d) of frame %d disagrees with the ramp", x, y, frameId)
              .isEqualTo(table[site][index]);
        }
      }
    }
  }

  /** The frame the camera sends with this id. */
  byte[] frame(long frameId, int width, int height) {
    byte[] bytes = new byte[width * height];
    for (int y = 0; y < height; y++) {
      int row = y * width;
      int siteRow = (y & 1) * 2;
      for (int x = 0; x < width; x++) {
        int v = table[siteRow + (x & 1)][(int) ((x + y + frameId) % INDICES)];
        assertThat(v).as("colour of site/index never seen while learning").isNotNegative();
        bytes[row + x] = (byte) v;
      }
    }
    return bytes;
  }

  /** CRC32C of {@link #frame}, as the simulator records it. */
  long crc32c(long frameId, int width, int height) {
    CRC32C crc = new CRC32C();
    crc.update(frame(frameId, width, height));
    return crc.getValue();
  }
}
