package io.camerabridge.tools.bench;

import io.camerabridge.tools.bench.NativeFramePool.PooledFrame;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Drives one target with {@code inFlight} driver threads, each sending frame after frame over its
 * own lane, until the frame budget or the time limit is spent. The resource snapshots are taken
 * while every driver thread is still alive, so their allocation counts are included.
 */
final class LoadRunner {

  private static final Duration LEASE_TIMEOUT = Duration.ofSeconds(20);
  private static final long PROGRESS_EVERY_NANOS = TimeUnit.SECONDS.toNanos(2);

  private final NativeFramePool pool;
  private final int inFlight;
  private final ServerThreads serverThreads;
  private final PrintStream progress;

  LoadRunner(
      NativeFramePool pool, int inFlight, ServerThreads serverThreads, PrintStream progress) {
    this.pool = pool;
    this.inFlight = inFlight;
    this.serverThreads = serverThreads;
    this.progress = progress;
  }

  /** Runs {@code frames} exchanges or until {@code limit} has passed, whichever is first. */
  RunMeasurement run(LoadTarget target, long frames, Duration limit) throws Exception {
    List<Driver> drivers = new ArrayList<>(inFlight);
    try {
      for (int i = 0; i < inFlight; i++) {
        drivers.add(new Driver(openLane(target), (int) Math.min(frames, 1 << 20)));
      }
      return measure(target, drivers, frames, limit);
    } finally {
      for (Driver driver : drivers) {
        driver.lane.close();
      }
    }
  }

  private static LoadTarget.Lane openLane(LoadTarget target) {
    try {
      return target.openLane();
    } catch (Exception e) {
      throw new BenchException(
          target.name() + " could not open a connection to the analyzer: " + e.getMessage(), e);
    }
  }

  private RunMeasurement measure(
      LoadTarget target, List<Driver> drivers, long frames, Duration limit) throws Exception {
    Shared shared = new Shared(frames, limit, drivers.size());
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < drivers.size(); i++) {
      Driver driver = drivers.get(i);
      Thread thread = new Thread(() -> driver.loop(shared), "bench-" + target.name() + "-" + i);
      thread.setDaemon(true);
      thread.start();
      threads.add(thread);
    }
    ResourceSnapshot before = ResourceSnapshot.take();
    shared.deadline = System.nanoTime() + shared.limitNanos;
    shared.start.countDown();
    awaitWithProgress(target, shared, before);
    ResourceSnapshot after = ResourceSnapshot.take();
    shared.exit.countDown();
    for (Thread thread : threads) {
      thread.join();
    }
    if (shared.failure.get() != null) {
      throw new BenchException(
          target.name()
              + " failed after "
              + shared.completed.get()
              + " frames: "
              + shared.failure.get().getMessage(),
          shared.failure.get());
    }
    LatencySamples latencies = new LatencySamples((int) Math.min(frames, 1 << 20));
    for (Driver driver : drivers) {
      latencies.addAll(driver.latencies);
    }
    return new RunMeasurement(
        target.name(), latencies.count(), after.since(before, serverThreads), latencies);
  }

  private void awaitWithProgress(LoadTarget target, Shared shared, ResourceSnapshot before)
      throws InterruptedException {
    long started = System.nanoTime();
    while (!shared.done.await(PROGRESS_EVERY_NANOS, TimeUnit.NANOSECONDS)) {
      double seconds = (System.nanoTime() - started) / 1e9;
      long done = shared.completed.get();
      progress.printf(
          "  %-6s %8d frames  %8.1f frames/s  %5.1f s%n",
          target.name(), done, done / seconds, seconds);
    }
  }

  /** State shared by the driver threads of one run. */
  private static final class Shared {
    final CountDownLatch start = new CountDownLatch(1);
    final CountDownLatch done;
    final CountDownLatch exit = new CountDownLatch(1);
    final AtomicLong budget;
    final AtomicLong completed = new AtomicLong();
    final AtomicReference<Exception> failure = new AtomicReference<>();
    final long limitNanos;
    volatile long deadline;

    Shared(long frames, Duration limit, int drivers) {
      this.budget = new AtomicLong(frames);
      this.done = new CountDownLatch(drivers);
      this.limitNanos = limit.toNanos();
    }

    boolean claim() {
      return failure.get() == null
          && System.nanoTime() - deadline < 0
          && budget.getAndDecrement() > 0;
    }
  }

  private final class Driver {
    final LoadTarget.Lane lane;
    final LatencySamples latencies;

    /** Work for this driver's thread when a chained lane cannot continue on its own thread. */
    final BlockingQueue<Runnable> handOver = new LinkedBlockingQueue<>();

    Driver(LoadTarget.Lane lane, int expectedFrames) {
      this.lane = lane;
      this.latencies = new LatencySamples(expectedFrames);
    }

    void loop(Shared shared) {
      try {
        shared.start.await();
        if (lane.isAsync()) {
          chain(shared);
        } else {
          while (shared.claim()) {
            PooledFrame frame = pool.lease(LEASE_TIMEOUT);
            long start = System.nanoTime();
            lane.exchange(frame);
            latencies.record(System.nanoTime() - start);
            shared.completed.incrementAndGet();
          }
          shared.done.countDown();
        }
      } catch (Exception e) {
        shared.failure.compareAndSet(null, e);
        shared.done.countDown();
      }
      // Stay alive until the closing snapshot has counted this thread's allocations.
      awaitUninterruptibly(shared.exit);
    }

    /**
     * Drives an asynchronous lane the way a producer that never waits would: the next frame is sent
     * from the completion of the previous one, on whatever thread completed it. Only when no frame
     * is free yet does the work go back to this driver's thread, which may block.
     */
    private void chain(Shared shared) throws InterruptedException {
      sendNext(shared);
      while (true) {
        Runnable work = handOver.take();
        if (work == END) {
          return;
        }
        work.run();
      }
    }

    private void sendNext(Shared shared) {
      try {
        if (!shared.claim()) {
          end(shared);
          return;
        }
        PooledFrame frame = pool.tryLease();
        if (frame == null) {
          handOver.add(() -> sendBlocking(shared));
          return;
        }
        send(shared, frame);
      } catch (Exception e) {
        shared.failure.compareAndSet(null, e);
        end(shared);
      }
    }

    private void sendBlocking(Shared shared) {
      try {
        send(shared, pool.lease(LEASE_TIMEOUT));
      } catch (Exception e) {
        shared.failure.compareAndSet(null, e);
        end(shared);
      }
    }

    private void send(Shared shared, PooledFrame frame) {
      long start = System.nanoTime();
      lane.exchangeAsync(frame)
          .whenComplete(
              (ignored, error) -> {
                if (error != null) {
                  shared.failure.compareAndSet(
                      null,
                      error instanceof Exception e ? e : new BenchException(error.toString()));
                  end(shared);
                  return;
                }
                latencies.record(System.nanoTime() - start);
                shared.completed.incrementAndGet();
                sendNext(shared);
              });
    }

    private void end(Shared shared) {
      shared.done.countDown();
      handOver.add(END);
    }
  }

  private static final Runnable END = () -> {};

  private static void awaitUninterruptibly(CountDownLatch latch) {
    boolean interrupted = false;
    while (true) {
      try {
        latch.await();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /** Frames completed by one run, what they cost, and their latencies. */
  record RunMeasurement(
      String target, long frames, ResourceSnapshot.Usage usage, LatencySamples latencies) {}
}
