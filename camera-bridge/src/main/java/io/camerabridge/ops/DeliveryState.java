package io.camerabridge.ops;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Whether something camera-bridge writes out (an output, the journal, NG images) is getting
 * through: since when, and how many items in a row, it has not. Fed by the writer's own thread,
 * read by {@code /health}'s; lock-free, so neither waits for the other.
 */
public final class DeliveryState {
  /** {@link #troubleSinceNanos} while the last item got through (or none came yet). */
  private static final long DELIVERING = Long.MIN_VALUE;

  private final AtomicLong troubleSinceNanos = new AtomicLong(DELIVERING);
  private final AtomicLong undeliveredInARow = new AtomicLong();

  /** An item got through: the trouble, if any, is over. */
  public void delivered() {
    undeliveredInARow.set(0);
    troubleSinceNanos.set(DELIVERING);
  }

  /** An item did not get through (failed, dropped, skipped). */
  public void undelivered() {
    undeliveredInARow.incrementAndGet();
    troubleSinceNanos.compareAndSet(DELIVERING, System.nanoTime());
  }

  /**
   * The health of {@code name} now.
   *
   * @param items what is counted, in the plural, e.g. {@code outcome(s)}, {@code record(s)}
   */
  public OutputHealth health(String name, String type, String items) {
    long since = troubleSinceNanos.get();
    if (since == DELIVERING) {
      return OutputHealth.ok(name, type);
    }
    return new OutputHealth(
        name,
        type,
        (System.nanoTime() - since) / 1e9,
        undeliveredInARow.get() + " " + items + " in a row not written");
  }
}
