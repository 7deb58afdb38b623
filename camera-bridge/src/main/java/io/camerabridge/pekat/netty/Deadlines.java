package io.camerabridge.pekat.netty;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * The request deadlines of one client, kept by one timer. Every exchange of a client has the same
 * timeout, so exchanges expire in the order they started: a queue in start order is in deadline
 * order and the timer only waits for its head. A timer per request (scheduled, then cancelled a few
 * milliseconds later by the response) was garbage on every frame. Event loop only.
 */
final class Deadlines {
  private final EventLoop loop;
  private final long timeoutNanos;
  private final ArrayDeque<Exchange> pending = new ArrayDeque<>();
  private final Runnable sweepTask = this::sweep;
  private ScheduledFuture<?> timer;

  Deadlines(EventLoop loop, Duration timeout) {
    this.loop = loop;
    this.timeoutNanos = timeout.toNanos();
  }

  /** Starts the exchange's clock; it is told {@link Exchange#onDeadline} when it runs out. */
  void add(Exchange exchange) {
    exchange.deadlineNanos = System.nanoTime() + timeoutNanos;
    pending.addLast(exchange);
    if (timer == null) {
      schedule(timeoutNanos);
    }
  }

  /** Stops the exchange's clock; the timer stays for the next exchange. */
  void remove(Exchange exchange) {
    // Responses mostly come back in start order, so this finds the exchange at the head.
    pending.remove(exchange);
  }

  /** Cancels the timer; for a closing client, whose exchanges have all been ended. */
  void cancel() {
    pending.clear();
    if (timer != null) {
      timer.cancel(false);
      timer = null;
    }
  }

  private void sweep() {
    timer = null;
    long now = System.nanoTime();
    Exchange head;
    while ((head = pending.peekFirst()) != null) {
      long left = head.deadlineNanos - now;
      if (left > 0) {
        schedule(left);
        return;
      }
      pending.pollFirst();
      head.onDeadline();
    }
  }

  private void schedule(long delayNanos) {
    timer = loop.schedule(sweepTask, delayNanos, TimeUnit.NANOSECONDS);
  }
}
