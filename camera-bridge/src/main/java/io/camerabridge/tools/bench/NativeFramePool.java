package io.camerabridge.tools.bench;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fixed set of synthetic frames in native (direct) memory, recycled the way Aravis recycles its
 * stream buffers: a frame is leased to exactly one sender and becomes available again only after
 * that sender ran its release. A client that never releases starves the pool, exactly as it would
 * starve a camera stream.
 */
final class NativeFramePool {

  private final BlockingQueue<PooledFrame> free;
  private final AtomicInteger leased = new AtomicInteger();
  private final int frameBytes;

  NativeFramePool(int frames, int frameBytes) {
    if (frames < 1) {
      throw new IllegalArgumentException("a frame pool needs at least one frame, got " + frames);
    }
    this.frameBytes = frameBytes;
    this.free = new ArrayBlockingQueue<>(frames);
    for (int i = 0; i < frames; i++) {
      free.add(new PooledFrame(this, i, allocate(frameBytes, i)));
    }
  }

  /** Bytes in each frame. */
  int frameBytes() {
    return frameBytes;
  }

  /** Frames currently held by senders. */
  int leasedFrames() {
    return leased.get();
  }

  /**
   * Waits until a frame has been released by its previous holder, then hands it out.
   *
   * @throws BenchException when no frame comes back within {@code timeout}: the sender is holding
   *     native frames it should have released
   */
  PooledFrame lease(Duration timeout) throws InterruptedException {
    PooledFrame frame = free.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
    if (frame == null) {
      throw new BenchException(
          "no frame was released within "
              + timeout.toSeconds()
              + " s; the sender still holds "
              + leased.get()
              + " native frames (a release was lost or the analyzer stopped answering)");
    }
    frame.markLeased();
    leased.incrementAndGet();
    return frame;
  }

  /** A free frame, or null when every frame is still held; never blocks. */
  PooledFrame tryLease() {
    PooledFrame frame = free.poll();
    if (frame != null) {
      frame.markLeased();
      leased.incrementAndGet();
    }
    return frame;
  }

  private void giveBack(PooledFrame frame) {
    leased.decrementAndGet();
    free.add(frame);
  }

  private static ByteBuffer allocate(int bytes, int seed) {
    ByteBuffer memory = ByteBuffer.allocateDirect(bytes);
    // A gradient that differs per frame, so a server that checks content sees plausible pixels.
    for (int i = 0; i < bytes; i++) {
      memory.put(i, (byte) (i + seed * 31));
    }
    return memory;
  }

  /**
   * One native frame of the pool. {@link #release()} is the Aravis "push the buffer back": it must
   * run exactly once per lease, from any thread, once the sender is done with the memory.
   */
  static final class PooledFrame implements Runnable {
    private final NativeFramePool pool;
    private final int index;
    private final ByteBuffer memory;
    private final AtomicBoolean leasedNow = new AtomicBoolean();

    private PooledFrame(NativeFramePool pool, int index, ByteBuffer memory) {
      this.pool = pool;
      this.index = index;
      this.memory = memory;
    }

    /** The frame's native memory, position 0 and limit at the frame size. */
    ByteBuffer memory() {
      return memory.clear();
    }

    int index() {
      return index;
    }

    /** Returns the frame to the pool; a second release of the same lease is a sender bug. */
    void release() {
      if (!leasedNow.compareAndSet(true, false)) {
        throw new IllegalStateException(
            "frame " + index + " was released twice: the sender ran its release more than once");
      }
      pool.giveBack(this);
    }

    /** The give-back in the shape {@code FrameLeases.lease} takes. */
    @Override
    public void run() {
      release();
    }

    private void markLeased() {
      leasedNow.set(true);
    }
  }
}
