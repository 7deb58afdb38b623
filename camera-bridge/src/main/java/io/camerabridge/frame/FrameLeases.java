package io.camerabridge.frame;

import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts native frames handed to Netty and not yet given back. One instance per owner (a camera's
 * stream, a test, a benchmark), never global, so tests and metrics read exactly their own frames: a
 * value that does not return to zero after the client went idle is a leak.
 *
 * <p>Thread-safe; the counters can be read from any thread (a Micrometer gauge, a health check).
 */
public final class FrameLeases {
  private final AtomicLong outstanding = new AtomicLong();
  private final AtomicLong wrapped = new AtomicLong();
  private final AtomicLong returned = new AtomicLong();

  /**
   * Wraps frame memory like {@link NativeFrameBuf#wrap} and counts it until {@code release} has
   * run.
   *
   * @throws IllegalArgumentException as {@link NativeFrameBuf#wrap}; nothing is counted and the
   *     caller still owns the memory
   */
  public NativeFrameBuf wrap(ByteBuffer nativeView, Runnable release) {
    Objects.requireNonNull(release, "release");
    NativeFrameBuf buf =
        NativeFrameBuf.wrap(
            nativeView,
            () -> {
              try {
                release.run();
              } finally {
                outstanding.decrementAndGet();
                returned.incrementAndGet();
              }
            });
    outstanding.incrementAndGet();
    wrapped.incrementAndGet();
    return buf;
  }

  /** Frames wrapped and not yet returned to their owner. */
  public long outstanding() {
    return outstanding.get();
  }

  /** Frames wrapped since this instance was created. */
  public long wrappedTotal() {
    return wrapped.get();
  }

  /** Frames returned to their owner since this instance was created. */
  public long returnedTotal() {
    return returned.get();
  }

  @Override
  public String toString() {
    return "FrameLeases[outstanding=" + outstanding() + ", wrapped=" + wrappedTotal() + "]";
  }
}
