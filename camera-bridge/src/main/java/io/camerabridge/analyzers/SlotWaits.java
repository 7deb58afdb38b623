package io.camerabridge.analyzers;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The one place a frame thread waits for a slot: a counter of "a slot was freed or an instance
 * became ready" events and a condition to sleep on. The event loop only increments the counter and
 * touches the lock when someone is actually waiting, so a completion never contends with an idle
 * frame thread.
 */
final class SlotWaits {
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final AtomicLong events = new AtomicLong();
  private final AtomicInteger waiters = new AtomicInteger();

  /** The event count to pass to {@link #await} after looking at the instances. */
  long seen() {
    return events.get();
  }

  /**
   * Waits until an event after {@code seen}, for at most {@code nanos}; true if one came. Reading
   * {@code seen} before looking at the instances closes the race with a release in between.
   */
  boolean await(long seen, long nanos) throws InterruptedException {
    waiters.incrementAndGet();
    lock.lock();
    try {
      long left = nanos;
      while (events.get() == seen && left > 0) {
        left = changed.awaitNanos(left);
      }
      return events.get() != seen;
    } finally {
      lock.unlock();
      waiters.decrementAndGet();
    }
  }

  /** Any thread, never blocks for long: a slot is free or an instance became ready. */
  void signal() {
    events.incrementAndGet();
    if (waiters.get() > 0) {
      lock.lock();
      try {
        changed.signalAll();
      } finally {
        lock.unlock();
      }
    }
  }
}
