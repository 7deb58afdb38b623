package io.camerabridge.pekat.netty;

import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * Lets a sender wait for an in-flight slot without polling. The event loop calls {@link #freed()}
 * for every finished exchange; it only takes the lock while somebody waits, so a client nobody
 * waits on pays one volatile read per exchange.
 */
final class CapacitySignal {
  private final BooleanSupplier free;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private volatile int waiters;

  /**
   * @param free whether a slot is free now; must change only together with {@link #freed()}
   */
  CapacitySignal(BooleanSupplier free) {
    this.free = free;
  }

  /** Whether a slot is free now or becomes free within {@code timeout}. */
  boolean await(Duration timeout) throws InterruptedException {
    boolean now = free.getAsBoolean();
    if (now || timeout.isZero() || timeout.isNegative()) {
      return now;
    }
    long remaining = timeout.toNanos();
    lock.lock();
    try {
      waiters++;
      // Checked under the lock after registering: a slot freed before this point is seen here,
      // one freed after it signals.
      while (!free.getAsBoolean()) {
        if (remaining <= 0) {
          return false;
        }
        remaining = changed.awaitNanos(remaining);
      }
      return true;
    } finally {
      waiters--;
      lock.unlock();
    }
  }

  /** An exchange ended: wakes the waiters, if any. */
  void freed() {
    if (waiters == 0) {
      return;
    }
    lock.lock();
    try {
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }
}
