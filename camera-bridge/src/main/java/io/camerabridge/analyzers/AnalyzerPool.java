package io.camerabridge.analyzers;

import io.camerabridge.pekat.AnalysisOutcome;
import io.camerabridge.pekat.ExchangeTimings;
import io.camerabridge.pekat.PekatClient;
import io.camerabridge.pekat.RawFrame;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The PEKAT instances of one camera (one for {@code pekat.url}, several for {@code pekat.urls}):
 * which instance a frame goes to, and which instances may get frames at all.
 *
 * <p>Routing: a frame goes to the ready instance with the fewest requests in flight, ties in turn;
 * it waits (up to {@code busyWait}) only when every ready instance is full ({@link Router} picks,
 * {@link SlotWaits} is where the frame thread waits). Health: consecutive failures (refused at
 * once, reset, time-out or 5xx after {@link #FAILURES_TO_EJECT}) take an instance out; {@link
 * Recovery} probes it and warms it up before it gets frames again, also at start.
 *
 * <p>Ownership: {@link #analyze} takes the frame's one reference, as {@link PekatClient#analyze}
 * does. With several instances the pool holds one more reference until the frame's last attempt, so
 * a re-send writes the same memory (zero copy) and the camera buffer still goes back exactly once.
 * A frame whose connection was refused never reached PEKAT and always goes to another free instance
 * (it cannot be a duplicate); one that failed mid-request only with {@code retryOnOtherInstance}.
 * So a killed instance costs exactly the frames it had in flight. The extra reference holds the
 * buffer until the answer rather than until written, which {@code maxInFlight x instances <
 * buffers} (config) leaves room for.
 *
 * <p>Threads: {@link #acquire} on the frame thread (the only one that waits); completions on the
 * event loop (never block there); probes and warm-ups on the pool's own {@code analyzers-<camera>}
 * thread.
 */
public final class AnalyzerPool implements AutoCloseable {
  /** Consecutive resets, time-outs or 5xx answers that take a ready instance out. */
  public static final int FAILURES_TO_EJECT = 3;

  /** {@link #analyze}'s deadline when the camera has no {@code verdict.deadline}. */
  public static final long NO_DEADLINE = Long.MAX_VALUE;

  private static final long NEVER = Long.MIN_VALUE;

  private final String cameraId;
  private final List<Instance> instances;
  private final boolean retryOnOtherInstance;
  private final Recovery recovery;
  private final Router router;
  private final SlotWaits waits = new SlotWaits();
  private final AtomicLong lastVerdictNanos = new AtomicLong(NEVER);

  /** nanoTime of the first frame that arrived after the last verdict; {@link #NEVER} if none. */
  private final AtomicLong firstUnansweredNanos = new AtomicLong(NEVER);

  /** A reserved slot at one instance, or why there is none. */
  public static final class Slot {
    /** No instance is ready (all down or warming up). */
    public static final Slot DOWN = new Slot(null);

    /** Every ready instance is full and none freed a slot within the wait. */
    public static final Slot BUSY = new Slot(null);

    private final Instance instance;

    private Slot(Instance instance) {
      this.instance = instance;
    }

    /** Whether a slot was reserved (then {@link #analyze} must be called with it). */
    public boolean reserved() {
      return instance != null;
    }

    /** The instance's {@code host:port}; tests tell slots apart by it. */
    String instanceName() {
      return instance.name;
    }
  }

  private AnalyzerPool(String cameraId, List<PekatClient> clients, boolean retryOnOtherInstance) {
    this.cameraId = cameraId;
    List<Instance> list = new ArrayList<>();
    clients.forEach(c -> list.add(new Instance(c)));
    this.instances = List.copyOf(list);
    this.router = new Router(instances);
    this.retryOnOtherInstance = retryOnOtherInstance;
    this.recovery = new Recovery(cameraId, this);
  }

  /**
   * A pool over clients the caller opened, one per instance; the pool owns them from now on and
   * starts warming each one up, with a frame of {@code shape} when the configuration fixes it, else
   * of the first frame's shape.
   */
  public static AnalyzerPool start(
      String cameraId,
      List<PekatClient> clients,
      boolean retryOnOtherInstance,
      Optional<FrameShape> shape) {
    if (clients.isEmpty()) {
      throw new IllegalArgumentException("a camera needs at least one analyzer instance");
    }
    AnalyzerPool pool = new AnalyzerPool(cameraId, clients, retryOnOtherInstance);
    shape.ifPresent(pool.recovery::configuredShape);
    // Probed at once, not after a back-off: a camera that opens soon after should lose no frame.
    pool.instances.forEach(pool.recovery::recoverNow);
    return pool;
  }

  /**
   * Reserves a slot for {@code frame} (frame thread): the ready instance with the fewest requests
   * in flight, waiting at most {@code busyWait} while all ready ones are full.
   */
  public Slot acquire(RawFrame frame, Duration busyWait) throws InterruptedException {
    recovery.observe(frame);
    if (firstUnansweredNanos.get() == NEVER) {
      firstUnansweredNanos.compareAndSet(NEVER, System.nanoTime());
    }
    long deadline = System.nanoTime() + busyWait.toNanos();
    while (true) {
      long seen = waits.seen();
      Instance picked = router.pick(null);
      if (picked != null) {
        return new Slot(picked);
      }
      if (!anyReady()) {
        return Slot.DOWN;
      }
      long left = deadline - System.nanoTime();
      if (left <= 0 || !waits.await(seen, left)) {
        return Slot.BUSY;
      }
    }
  }

  /** Event loop or recovery thread: a slot is free or an instance became ready. */
  void signal() {
    waits.signal();
  }

  /**
   * Sends the frame through the reserved slot; takes ownership of the frame's one reference. The
   * stage completes on an event loop with the last attempt's outcome and instance.
   *
   * @param deadlineNanos {@link System#nanoTime()} by which the part's verdict is due, or {@link
   *     #NO_DEADLINE}; a re-send to another instance is only tried while it can still make it
   */
  public CompletionStage<Routed> analyze(
      Slot slot, RawFrame frame, String data, long deadlineNanos) {
    if (!slot.reserved()) {
      throw new IllegalArgumentException("no slot reserved");
    }
    CompletableFuture<Routed> result = new CompletableFuture<>();
    boolean spare = instances.size() > 1;
    if (spare) {
      frame.pixels().retain();
    }
    attempt(slot.instance, frame, data, deadlineNanos, spare, false, result);
    return result;
  }

  private void attempt(
      Instance at,
      RawFrame frame,
      String data,
      long deadlineNanos,
      boolean spare,
      boolean resent,
      CompletableFuture<Routed> result) {
    at.requests.increment();
    at.client
        .analyze(frame, data)
        .whenComplete(
            (answer, error) -> {
              AnalysisOutcome outcome = answer != null ? answer : brokenPromise(error);
              // Health first, then the slot: a frame thread woken by the free slot must not pick
              // an instance this failure takes out or puts under a /ping check.
              boolean failed = observe(at, outcome);
              at.releaseSlot();
              signal();
              if (failed) {
                boolean resend =
                    spare && (retryOnOtherInstance || InstanceFailures.isRefused(outcome));
                Instance other = resend ? retryTarget(at, deadlineNanos) : null;
                (other != null ? at.failoversResent : at.failoversLost).increment();
                if (other != null) {
                  attempt(other, frame, data, deadlineNanos, false, true, result);
                  return;
                }
              }
              if (spare) {
                frame.pixels().release();
              }
              result.complete(new Routed(at.name, outcome, resent));
            });
  }

  /** Counts the outcome and updates the instance's health; true for an instance failure. */
  private boolean observe(Instance at, AnalysisOutcome outcome) {
    if (outcome instanceof AnalysisOutcome.Busy) {
      return false;
    }
    if (!InstanceFailures.isInstanceFailure(outcome)) {
      at.consecutiveFailures.set(0);
      outcome.timings().analysisNanos().ifPresent(at::answered);
      if (outcome instanceof AnalysisOutcome.Analyzed a
          && a.result().verdict() != io.camerabridge.pekat.AnalysisResult.Verdict.NONE) {
        lastVerdictNanos.set(System.nanoTime());
        firstUnansweredNanos.set(NEVER);
      }
      return false;
    }
    at.failures.increment();
    int n = at.consecutiveFailures.incrementAndGet();
    if (InstanceFailures.isRefused(outcome) || n >= FAILURES_TO_EJECT) {
      recovery.takeOut(at, outcome.name());
    } else if (n == 1) {
      // A reset may be one bad exchange or a dead process: one /ping tells them apart long before
      // the next frame would find the port refused (and be lost as well).
      recovery.checkSoon(at);
    }
    return true;
  }

  /** Another ready instance with a free slot whose last round trip still fits the deadline. */
  private Instance retryTarget(Instance failed, long deadlineNanos) {
    Instance other = router.pick(failed);
    if (other == null) {
      return null;
    }
    if (deadlineNanos != NO_DEADLINE
        && deadlineNanos - System.nanoTime() <= other.lastLatencyNanos) {
      other.releaseSlot();
      signal();
      return null;
    }
    return other;
  }

  private static AnalysisOutcome brokenPromise(Throwable error) {
    long now = System.nanoTime();
    return new AnalysisOutcome.IoError(
        "client failed: " + error, ExchangeTimings.endedBeforeWrite(now, now));
  }

  private boolean anyReady() {
    return router.readyCount() > 0;
  }

  /**
   * Waits until at least {@code count} instances are ready, for at most {@code timeout} (tests and
   * the benchmark start measuring only then; the service never waits).
   */
  public boolean awaitReady(int count, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      long seen = waits.seen();
      if (router.readyCount() >= count) {
        return true;
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      waits.await(seen, left);
    }
  }

  /**
   * The camera's frame shape as it opened (control thread, before acquisition), so the warm-up need
   * not wait for the first frame. Ignored when the configuration fixed the shape; never blocks.
   */
  public void cameraShape(FrameShape opened) {
    recovery.cameraShape(opened);
  }

  /** Whether at least one instance is ready (warmed up and not failing). */
  public boolean reachable() {
    return anyReady();
  }

  /**
   * How long ago an instance last answered a frame with a verdict (OK or NG), in nanoseconds; empty
   * before the first one. A camera whose frames arrive while this grows is not being inspected.
   */
  public Optional<Long> sinceLastVerdictNanos() {
    long last = lastVerdictNanos.get();
    return last == NEVER ? Optional.empty() : Optional.of(System.nanoTime() - last);
  }

  /**
   * How long frames have been arriving without any of them getting a verdict (OK or NG): from the
   * first frame after the last verdict until now, 0 when there is no such frame. A 401 on every
   * answer, a hung analyzer or every instance down makes it grow; a camera that is simply idle (no
   * frames) does not.
   */
  public long unanalysedNanos() {
    long first = firstUnansweredNanos.get();
    return first == NEVER ? 0 : Math.max(0, System.nanoTime() - first);
  }

  /** Each instance's state, in configuration order. */
  public List<InstanceStatus> status() {
    List<InstanceStatus> out = new ArrayList<>(instances.size());
    for (Instance i : instances) {
      out.add(
          new InstanceStatus(
              i.name, i.state, i.inFlight.get(), i.requests.sum(), i.failures.sum()));
    }
    return out;
  }

  /** Requests any instance's client sent again on a fresh connection. */
  public long retries() {
    long sum = 0;
    for (Instance i : instances) {
      sum += i.client.retries();
    }
    return sum;
  }

  /** Frames whose instance failed mid-request: re-sent to another, or given up. */
  public long failovers(boolean resent) {
    long sum = 0;
    for (Instance i : instances) {
      sum += (resent ? i.failoversResent : i.failoversLost).sum();
    }
    return sum;
  }

  /** Registers each instance's meters ({@code analyzer} tag = {@code host:port}). */
  public void bindMeters(MeterRegistry registry) {
    AnalyzerMeters.bind(registry, cameraId, instances);
  }

  List<Instance> instances() {
    return instances;
  }

  String cameraId() {
    return cameraId;
  }

  /**
   * Stops probing, lets requests in flight finish for up to {@code drain} (all instances together),
   * then closes every client.
   */
  public void close(Duration drain) {
    recovery.stop();
    long deadline = System.nanoTime() + drain.toNanos();
    for (Instance i : instances) {
      i.client.close(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
    }
    recovery.awaitStopped(Duration.ofSeconds(1));
  }

  @Override
  public void close() {
    close(Duration.ZERO);
  }

  static long millis(long nanos) {
    return TimeUnit.NANOSECONDS.toMillis(nanos);
  }
}
