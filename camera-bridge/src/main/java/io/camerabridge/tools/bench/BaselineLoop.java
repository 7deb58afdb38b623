package io.camerabridge.tools.bench;

import io.camerabridge.outcome.PartOutcome;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * A baseline of {@code bench e2e --outputs}: at the same moments as an output (each decided outcome
 * it fires on), a thread of its own is handed a token through a bounded queue and does the bare
 * thing the output does (a plain Paho publish to the same broker, a plain GVCP round trip to the
 * same camera). Hand-over plus the bare action is the least any output can add on this host under
 * this load; what the output adds beyond that is the bridge's own.
 */
final class BaselineLoop implements Consumer<PartOutcome>, AutoCloseable {
  /** The bare action, run once per trigger. */
  @FunctionalInterface
  interface Action {
    void run() throws Exception;
  }

  private final String name;
  private final Predicate<PartOutcome> fires;
  private final Action action;
  private final AutoCloseable resource;
  private final BlockingQueue<Long> triggers = new ArrayBlockingQueue<>(1024);
  private final AtomicLong missed = new AtomicLong();
  private final LatencySamples added = new LatencySamples(1 << 14);
  private final LatencySamples waited = new LatencySamples(1 << 14);
  private final LatencySamples wrote = new LatencySamples(1 << 14);
  private final Thread worker;
  private volatile boolean recording;
  private volatile boolean running = true;

  /**
   * @param resource closed after the loop's thread ends (the baseline's own client), or null
   */
  BaselineLoop(String name, Predicate<PartOutcome> fires, Action action, AutoCloseable resource) {
    this.name = name;
    this.fires = fires;
    this.action = action;
    this.resource = resource;
    this.worker = new Thread(this::run, "bench-baseline-" + name);
    worker.setDaemon(true);
    worker.start();
  }

  String name() {
    return name;
  }

  void recording(boolean on) {
    recording = on;
  }

  /** A part was decided (the results thread; never blocks). */
  @Override
  public void accept(PartOutcome part) {
    if (recording && fires.test(part) && !triggers.offer(System.nanoTime())) {
      missed.incrementAndGet();
    }
  }

  private void run() {
    while (running) {
      try {
        Long trigger = triggers.poll(100, TimeUnit.MILLISECONDS);
        if (trigger == null) {
          continue;
        }
        long started = System.nanoTime();
        action.run();
        long done = System.nanoTime();
        synchronized (this) {
          added.record(done - trigger);
          waited.record(started - trigger);
          wrote.record(done - started);
        }
      } catch (InterruptedException e) {
        return;
      } catch (Exception e) {
        missed.incrementAndGet();
      }
    }
  }

  /** Trigger → done. */
  synchronized LatencySamples.Percentiles added() {
    return added.percentiles();
  }

  /** Trigger → the thread taking the token: a bare hand-over. */
  synchronized LatencySamples.Percentiles waited() {
    return waited.percentiles();
  }

  /** The bare action alone. */
  synchronized LatencySamples.Percentiles wrote() {
    return wrote.percentiles();
  }

  /** Triggers not measured: queue full or a failed action. */
  long missed() {
    return missed.get();
  }

  @Override
  public void close() throws Exception {
    running = false;
    worker.interrupt();
    worker.join(5000);
    if (resource != null) {
      resource.close();
    }
  }
}
