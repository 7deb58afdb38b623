package io.camerabridge.pekat;

import io.camerabridge.frame.FrameLeases;
import io.camerabridge.frame.NativeFrameBuf;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A frame in native memory (a direct buffer, as JNA would map Aravis memory), filled with
 * pseudo-random pixels, counting how often its release hook ran.
 */
final class TestFrame {
  final ByteBuffer memory;
  final NativeFrameBuf buf;
  final RawFrame frame;
  final String sha256;
  final AtomicInteger releases = new AtomicInteger();

  private TestFrame(FrameLeases leases, int width, int height, RawLayout layout, long seed) {
    int size = Math.toIntExact(layout.bodyLength(width, height));
    memory = ByteBuffer.allocateDirect(size);
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = 0; i < size; i++) {
      memory.put(i, (byte) random.nextInt(256));
    }
    sha256 = sha256(memory.duplicate());
    buf = leases.wrap(memory.duplicate(), releases::incrementAndGet);
    frame = new RawFrame(buf, width, height, layout);
  }

  static TestFrame create(FrameLeases leases, int width, int height, RawLayout layout) {
    return new TestFrame(leases, width, height, layout, 31L * width + height + layout.ordinal());
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
