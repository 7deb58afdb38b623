package io.camerabridge.frame;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.buffer.UnpooledUnsafeDirectByteBuf;
import io.netty.util.internal.PlatformDependent;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Netty {@link ByteBuf} over frame memory that belongs to someone else (an Aravis buffer), sent
 * without a copy. When the reference count drops to zero — after the socket wrote the last byte, or
 * when a failed or closed channel discards the queued write — Netty calls {@link #deallocate()},
 * which runs the owner's release action exactly once. That release action gives the memory back
 * (for Aravis: push the buffer back to its stream).
 *
 * <p>The release action may run on any thread, usually a Netty event loop, so it must be
 * thread-safe and must not block. Netty never frees the wrapped memory itself.
 *
 * <p>The buffer is fixed-size: it cannot grow or shrink, so it can never move off the native
 * memory.
 */
public final class NativeFrameBuf extends UnpooledUnsafeDirectByteBuf {
  private static final Logger log = LoggerFactory.getLogger(NativeFrameBuf.class);

  private final Runnable release;
  private final AtomicBoolean returned = new AtomicBoolean();

  private NativeFrameBuf(ByteBuffer nativeView, Runnable release) {
    // The protected constructor slices the view (position..limit), never frees it, and sets the
    // writer index to the end, so the whole view is readable.
    super(UnpooledByteBufAllocator.DEFAULT, nativeView, nativeView.remaining());
    this.release = release;
  }

  /**
   * Wraps the bytes between {@code nativeView}'s position and limit. The returned buffer has a
   * reference count of one, held by the caller.
   *
   * @param nativeView a writable direct buffer over the frame memory (JNA's {@code
   *     Pointer.getByteBuffer} gives one); it must stay valid until {@code release} runs
   * @param release gives the memory back to its owner; runs exactly once, on the thread that drops
   *     the last reference; must not block; an exception it throws is logged, not propagated
   * @throws IllegalArgumentException if the view is not direct, is read-only or is empty; the
   *     caller then still owns the memory
   */
  public static NativeFrameBuf wrap(ByteBuffer nativeView, Runnable release) {
    Objects.requireNonNull(nativeView, "nativeView");
    Objects.requireNonNull(release, "release");
    if (!nativeView.isDirect()) {
      throw new IllegalArgumentException(
          "frame memory must be a direct ByteBuffer over native memory, got a heap buffer");
    }
    if (nativeView.isReadOnly()) {
      throw new IllegalArgumentException(
          "frame memory view is read-only; Netty can wrap only a writable direct ByteBuffer"
              + " (JNA's Pointer.getByteBuffer returns one)");
    }
    if (!nativeView.hasRemaining()) {
      throw new IllegalArgumentException("frame memory view is empty (position == limit)");
    }
    if (!PlatformDependent.hasUnsafe()) {
      throw new IllegalStateException(
          "Netty cannot address native memory directly (sun.misc.Unsafe unavailable: "
              + PlatformDependent.getUnsafeUnavailabilityCause()
              + "); do not set -Dio.netty.noUnsafe=true");
    }
    return new NativeFrameBuf(nativeView, release);
  }

  /** Whether the release action has run (the memory is back with its owner). */
  public boolean isReturned() {
    return returned.get();
  }

  @Override
  protected void deallocate() {
    try {
      super.deallocate();
    } finally {
      if (returned.compareAndSet(false, true)) {
        runRelease();
      }
    }
  }

  private void runRelease() {
    try {
      release.run();
    } catch (RuntimeException | Error e) {
      // Throwing here would surface inside Netty's write path, far from the owner's code.
      log.error("Releasing native frame memory failed; the owner's buffer may be lost", e);
    }
  }

  /** The memory belongs to the frame's owner: a resize would silently copy it to Netty memory. */
  @Override
  public ByteBuf capacity(int newCapacity) {
    if (newCapacity != capacity()) {
      throw new UnsupportedOperationException(
          "a native frame buffer has a fixed size of " + capacity() + " bytes");
    }
    return this;
  }
}
