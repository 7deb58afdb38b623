package io.camerabridge.bindings.aravis;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Lets any thread use the native stream without locks while guaranteeing that nobody is inside a
 * native stream call when it is unreferenced.
 *
 * <p>The state packs a closed bit with the number of calls in progress. Entering never blocks (it
 * fails once closed); closing sets the bit and waits for the in-progress calls, which are short:
 * queue pushes, and pops bounded by {@link Stream#POP_SLICE}.
 */
final class StreamGate {
  private static final int CLOSED = 1 << 30;
  private final AtomicInteger state = new AtomicInteger();

  /** Enters unless closed; a successful enter must be paired with {@link #exit()}. */
  boolean enter() {
    while (true) {
      int s = state.get();
      if ((s & CLOSED) != 0) {
        return false;
      }
      if (state.compareAndSet(s, s + 1)) {
        return true;
      }
    }
  }

  void exit() {
    state.decrementAndGet();
  }

  boolean isClosed() {
    return (state.get() & CLOSED) != 0;
  }

  /** Closes and waits until no call is in progress; false if it was already closed. */
  boolean close() {
    int previous = state.getAndUpdate(s -> s | CLOSED);
    if ((previous & CLOSED) != 0) {
      return false;
    }
    while ((state.get() & ~CLOSED) != 0) {
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
    }
    return true;
  }
}
