package io.camerabridge.pipeline;

import java.time.Duration;

/**
 * Delays between attempts to reopen a camera: doubling from {@code initial} up to {@code max}, back
 * to {@code initial} after a success. Not thread-safe: used by one camera's control thread.
 */
final class Backoff {
  private final Duration initial;
  private final Duration max;
  private Duration next;

  Backoff(Duration initial, Duration max) {
    this.initial = initial;
    this.max = max;
    this.next = initial;
  }

  /** The delay before the next attempt; each call doubles the one after, up to the cap. */
  Duration next() {
    Duration now = next;
    Duration doubled = next.multipliedBy(2);
    next = doubled.compareTo(max) > 0 ? max : doubled;
    return now;
  }

  void reset() {
    next = initial;
  }
}
