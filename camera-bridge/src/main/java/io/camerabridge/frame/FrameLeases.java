package io.camerabridge.frame;

import io.camerabridge.pekat.RawFrame;
import io.netty.util.internal.PlatformDependent;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The frames of one owner — a camera's pipeline, a test, a benchmark, never global: numbers them
 * ({@link #nextSequence()}), makes their {@link FrameLease}s, and counts the leases not yet given
 * back, so tests and metrics read exactly their own frames. An outstanding count that does not
 * return to zero once the client went idle is a leak.
 *
 * <p>A camera's instance lives as long as its pipeline, across reconnects, so a sequence number is
 * never reused while the service runs. Thread-safe; the counters can be read from any thread (a
 * Micrometer gauge, a health check).
 */
public final class FrameLeases {
  private final AtomicLong sequence = new AtomicLong();
  private final AtomicLong outstanding = new AtomicLong();
  private final AtomicLong wrapped = new AtomicLong();
  private final AtomicLong returned = new AtomicLong();

  /** The number of the next acquired frame: 1, 2, 3, … (one per popped buffer, sent or not). */
  public long nextSequence() {
    return sequence.incrementAndGet();
  }

  /** The last number handed out by {@link #nextSequence()}, 0 before the first frame. */
  public long lastSequence() {
    return sequence.get();
  }

  /**
   * Leases the memory between {@code memory}'s position and limit, which must be exactly the
   * frame's body ({@link FrameInfo#bodyLength()}). The lease has a reference count of one, held by
   * the caller; {@code giveBack} runs once, when the last reference goes.
   *
   * @param memory a writable direct buffer over the frame memory (JNA's {@code
   *     Pointer.getByteBuffer} gives one); it must stay valid until {@code giveBack} runs
   * @param giveBack returns the memory to its owner; thread-safe, never blocks; an exception it
   *     throws is logged, not propagated
   * @throws IllegalArgumentException if the view is not direct, is read-only or does not hold
   *     exactly the body; nothing is counted and the caller still owns the memory
   */
  public FrameLease lease(FrameInfo info, ByteBuffer memory, Runnable giveBack) {
    Objects.requireNonNull(info, "info");
    Objects.requireNonNull(memory, "memory");
    Objects.requireNonNull(giveBack, "giveBack");
    checkSendable(memory);
    RawFrame.checkShape(memory.remaining(), info.width(), info.height(), info.layout());
    FrameLease lease = new FrameLease(info, memory, this, giveBack);
    outstanding.incrementAndGet();
    wrapped.incrementAndGet();
    return lease;
  }

  /** Called once per lease, from its deallocation. */
  void returned() {
    outstanding.decrementAndGet();
    returned.incrementAndGet();
  }

  private static void checkSendable(ByteBuffer memory) {
    if (!memory.isDirect()) {
      throw new IllegalArgumentException(
          "frame memory must be a direct ByteBuffer over native memory, got a heap buffer");
    }
    if (memory.isReadOnly()) {
      throw new IllegalArgumentException(
          "frame memory view is read-only; Netty can wrap only a writable direct ByteBuffer"
              + " (JNA's Pointer.getByteBuffer returns one)");
    }
    if (!PlatformDependent.hasUnsafe()) {
      throw new IllegalStateException(
          "Netty cannot address native memory directly (sun.misc.Unsafe unavailable: "
              + PlatformDependent.getUnsafeUnavailabilityCause()
              + "); do not set -Dio.netty.noUnsafe=true");
    }
  }

  /** Leases made and not yet given back. */
  public long outstanding() {
    return outstanding.get();
  }

  /** Leases made since this instance was created. */
  public long wrappedTotal() {
    return wrapped.get();
  }

  /** Leases given back since this instance was created. */
  public long returnedTotal() {
    return returned.get();
  }

  @Override
  public String toString() {
    return "FrameLeases[outstanding="
        + outstanding()
        + ", wrapped="
        + wrappedTotal()
        + ", lastSequence="
        + lastSequence()
        + "]";
  }
}
