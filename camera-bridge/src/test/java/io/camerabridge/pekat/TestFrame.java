package io.camerabridge.pekat;

import io.camerabridge.frame.FrameInfo;
import io.camerabridge.frame.FrameLease;
import io.camerabridge.frame.FrameLeases;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntBinaryOperator;
import java.util.zip.CRC32C;

/**
 * A frame in native memory (a direct buffer, as JNA would map Aravis memory), filled with
 * pseudo-random pixels, counting how often its release hook ran.
 */
final class TestFrame {
  final ByteBuffer memory;

  /** The lease; it is its own {@link RawFrame} and body buffer. */
  final FrameLease buf;

  final RawFrame frame;
  final String sha256;
  final AtomicInteger releases = new AtomicInteger();

  private TestFrame(FrameLeases leases, int width, int height, RawLayout layout, long seed) {
    this(leases, width, height, layout, randomFill(seed));
  }

  private TestFrame(
      FrameLeases leases, int width, int height, RawLayout layout, IntBinaryOperator pixel) {
    int size = Math.toIntExact(layout.bodyLength(width, height));
    memory = ByteBuffer.allocateDirect(size);
    int bpp = layout.bytesPerPixel();
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        for (int c = 0; c < bpp; c++) {
          memory.put((y * width + x) * bpp + c, (byte) pixel.applyAsInt(x, y));
        }
      }
    }
    sha256 = sha256(memory.duplicate());
    FrameInfo info = new FrameInfo("test", leases.nextSequence(), 1, 0, 0, width, height, layout);
    buf = leases.lease(info, memory.duplicate(), releases::incrementAndGet);
    frame = buf;
  }

  static TestFrame create(FrameLeases leases, int width, int height, RawLayout layout) {
    return new TestFrame(leases, width, height, layout, 31L * width + height + layout.ordinal());
  }

  /** A frame whose every sample at (x, y) is {@code pixel(x, y)}. */
  static TestFrame painted(
      FrameLeases leases, int width, int height, RawLayout layout, IntBinaryOperator pixel) {
    return new TestFrame(leases, width, height, layout, pixel);
  }

  private static IntBinaryOperator randomFill(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    return (x, y) -> random.nextInt(256);
  }

  /** CRC32C of the frame bytes, as the simulator records it. */
  long crc32c() {
    CRC32C crc = new CRC32C();
    crc.update(memory.duplicate().clear());
    return crc.getValue();
  }

  static TestFrame small(FrameLeases leases) {
    return create(leases, 64, 48, RawLayout.GRAY8);
  }

  static String sha256(ByteBuffer bytes) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update(bytes);
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static String sha256(byte[] bytes) {
    return sha256(ByteBuffer.wrap(bytes));
  }
}
