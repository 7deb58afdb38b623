package io.camerabridge.analyzers;

import io.camerabridge.pekat.AnalysisOutcome;
import io.camerabridge.pekat.RawFrame;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes failing instances out and brings them back: {@code /ping} with back-off, then one synthetic
 * mid-grey frame of the camera's shape, because PEKAT answers {@code /ping} before its model is
 * loaded. Only when that frame was analysed is the instance ready; its answer is never a verdict
 * (it is not journaled and reaches no output). Runs on one thread per camera, {@code
 * analyzers-<camera>}, which never touches a camera buffer.
 */
final class Recovery {
  private static final Logger LOG = LoggerFactory.getLogger(Recovery.class);

  /** First re-probe after a failure; doubles up to {@link #PROBE_MAX}. */
  static final Duration PROBE_INITIAL = Duration.ofMillis(100);

  /**
   * Short enough that an instance is back within about a second of answering {@code /ping}; a probe
   * costs one small GET.
   */
  static final Duration PROBE_MAX = Duration.ofSeconds(1);

  /** How often an instance waiting for the camera's first frame (its shape) looks again. */
  private static final Duration SHAPE_POLL = Duration.ofMillis(50);

  /** The {@code data} parameter of a warm-up, so PEKAT's own logs show what it was. */
  static final String WARMUP_DATA = "camera-bridge/warm-up";

  private final String cameraId;
  private final AnalyzerPool pool;
  private final ScheduledExecutorService thread;
  private volatile FrameShape shape;

  /**
   * Whether the configuration fixed the shape (then the camera's region at open does not count).
   */
  private volatile boolean configured;

  Recovery(String cameraId, AnalyzerPool pool) {
    this.cameraId = cameraId;
    this.pool = pool;
    this.thread =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "analyzers-" + cameraId);
              t.setDaemon(true);
              return t;
            });
  }

  void configuredShape(FrameShape known) {
    this.shape = known;
    this.configured = true;
  }

  /** Control thread: the region the camera opened with; frames still correct it if they differ. */
  void cameraShape(FrameShape opened) {
    if (!configured) {
      this.shape = opened;
    }
  }

  /** Frame thread: the warm-up frame follows the camera's current shape (one compare per frame). */
  void observe(RawFrame frame) {
    FrameShape s = shape;
    if (s == null || !s.sameAs(frame)) {
      shape = FrameShape.of(frame);
    }
  }

  /** Event loop: a ready instance failed too often; no frame goes to it from now on. */
  void takeOut(Instance at, String why) {
    synchronized (at) {
      if (at.state != AnalyzerState.READY) {
        return;
      }
      at.state = AnalyzerState.DOWN;
    }
    LOG.warn(
        "Camera {}: analyzer {} taken out after {} ({} consecutive failure(s)); probing it",
        cameraId,
        at.name,
        why,
        at.consecutiveFailures.get());
    recoverSoon(at);
  }

  /**
   * Event loop: a ready instance failed once mid-request. One {@code /ping} now, and no frame goes
   * to it until it answers; if it does not, the instance is taken out at once instead of after more
   * frames were lost to it.
   */
  void checkSoon(Instance at) {
    at.checking = true;
    at.probe
        .ping()
        .thenAcceptAsync(
            up -> {
              if (!up && at.consecutiveFailures.get() > 0) {
                takeOut(at, "a failure and no answer to /ping");
              }
              at.checking = false;
              pool.signal();
            },
            this::runHere);
  }

  void recoverSoon(Instance at) {
    schedule(() -> probe(at, PROBE_INITIAL), PROBE_INITIAL);
  }

  /** At start: the first probe goes out at once, the back-off starts after it. */
  void recoverNow(Instance at) {
    schedule(() -> probe(at, PROBE_INITIAL), Duration.ZERO);
  }

  private void probe(Instance at, Duration backoff) {
    if (shape == null) {
      schedule(() -> probe(at, backoff), SHAPE_POLL);
      return;
    }
    at.probe
        .ping()
        .thenAcceptAsync(
            up -> {
              if (up) {
                warmUp(at, backoff);
              } else {
                again(at, backoff);
              }
            },
            this::runHere);
  }

  private void warmUp(Instance at, Duration backoff) {
    at.state = AnalyzerState.WARMING;
    FrameShape s = shape;
    long start = System.nanoTime();
    RawFrame grey = s.midGrey();
    at.client
        .analyze(grey, WARMUP_DATA)
        .thenAcceptAsync(
            outcome -> {
              if (warmedUp(outcome)) {
                admit(
                    at,
                    String.format(
                        "; warm-up frame %dx%d %s answered %s in %d ms",
                        s.width(),
                        s.height(),
                        s.layout(),
                        outcome.name(),
                        AnalyzerPool.millis(System.nanoTime() - start)));
              } else {
                LOG.info(
                    "Camera {}: analyzer {} answers /ping but its warm-up frame failed ({});"
                        + " trying again",
                    cameraId,
                    at.name,
                    outcome.name());
                at.state = AnalyzerState.DOWN;
                again(at, backoff);
              }
            },
            this::runHere);
  }

  /**
   * Analysed (whatever it judged), or a 4xx: a live PEKAT that read the image. A 401 or 400 keeps
   * failing every frame, which the camera's health reports; keeping it out would hide why.
   */
  private static boolean warmedUp(AnalysisOutcome outcome) {
    if (outcome instanceof AnalysisOutcome.HttpError e) {
      return e.status() < 500;
    }
    return outcome instanceof AnalysisOutcome.Analyzed;
  }

  /**
   * The one way an instance becomes ready (at start and after an outage, always after its warm-up
   * frame): failures forgotten, frame threads woken, PEKAT's {@code /version} logged.
   *
   * @param warmup what the warm-up frame did, for the log line
   */
  private void admit(Instance at, String warmup) {
    at.consecutiveFailures.set(0);
    at.state = AnalyzerState.READY;
    pool.signal();
    at.probe
        .version()
        .thenAccept(
            version ->
                LOG.info(
                    "Camera {}: analyzer {} ready (PEKAT {}){}",
                    cameraId,
                    at.name,
                    version,
                    warmup));
  }

  private void again(Instance at, Duration backoff) {
    Duration next = backoff.multipliedBy(2);
    Duration capped = next.compareTo(PROBE_MAX) > 0 ? PROBE_MAX : next;
    schedule(() -> probe(at, capped), backoff);
  }

  private void schedule(Runnable task, Duration delay) {
    try {
      thread.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      // Stopping.
    }
  }

  private void runHere(Runnable task) {
    try {
      thread.execute(task);
    } catch (RejectedExecutionException e) {
      // Stopping: the instance stays as it is.
    }
  }

  void stop() {
    thread.shutdownNow();
  }

  void awaitStopped(Duration timeout) {
    try {
      thread.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
