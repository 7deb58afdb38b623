package io.camerabridge.pipeline;

import io.camerabridge.analyzers.AnalyzerPool;
import io.camerabridge.bindings.aravis.Camera;
import io.camerabridge.config.CameraConfig;
import io.camerabridge.frame.FrameLeases;
import io.camerabridge.genicam.FeatureDiagnostics;
import io.camerabridge.metrics.CameraGauges;
import io.camerabridge.metrics.FrameMetrics;
import io.camerabridge.metrics.StreamStatistics;
import io.camerabridge.ops.CameraHealth;
import io.camerabridge.ops.CameraState;
import io.camerabridge.ops.ParallelClose;
import io.camerabridge.ops.logging.RateLimitedLog;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One camera from open to close, for the life of the process: opens and configures it, streams its
 * frames to the analyzer, and when the camera is lost (no frame within {@code frameTimeout}, or,
 * without a frame timeout, two failed register reads) tears the session down and reopens it with
 * back-off, for ever. A camera absent at start is retried the same way; the service runs meanwhile.
 *
 * <p>Threads: every camera call runs on this camera's control thread ({@code camera-<id>}), which
 * also runs the frame watchdog and the software trigger; frames are popped on the session's frame
 * thread ({@code frames-<id>}), which never blocks on the network or the camera. Tearing down a
 * dead GigE camera blocks ~10 s: a lost session is closed on the pipeline's teardown thread ({@code
 * camera-<id>-teardown}) while the control thread already reopens the camera, never on the frame
 * thread or an Aravis callback thread.
 *
 * <p>Lifecycle ({@code Managed} style): {@link #start()} returns at once; shutdown is split into
 * the phases the service runs for all cameras in order: {@link #stopAcquisition}, {@link #drain},
 * {@link #closeResults}, {@link #release}.
 */
public final class CameraPipeline {
  private static final Logger LOG = LoggerFactory.getLogger(CameraPipeline.class);

  private final CameraConfig config;
  private final PipelineParts parts;
  private final ScheduledExecutorService control;
  private final OpenFailures openFailures;
  private final RateLimitedLog driftLog = new RateLimitedLog(LOG, Duration.ofMinutes(1));
  private final AtomicBoolean stopping = new AtomicBoolean();
  private volatile CameraState state = CameraState.STARTING;
  private volatile CameraSession session;
  private volatile boolean everConnected;
  private volatile long controlHeartbeat = System.nanoTime();
  private final SessionTimers timers;
  private final FeatureDiagnostics diagnostics;
  private final LostSessions lostSessions;
  private final PlcHooks plcHooks;

  /**
   * @param config the camera's configuration
   * @param parts the collaborators built for this camera (client, metrics, results)
   */
  public CameraPipeline(CameraConfig config, PipelineParts parts) {
    this.config = config;
    this.parts = parts;
    this.openFailures = new OpenFailures(config.id());
    this.control =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "camera-" + config.id());
              t.setDaemon(true);
              return t;
            });
    this.diagnostics = new FeatureDiagnostics(config.diagnostics());
    this.timers =
        new SessionTimers(config, control, parts.lastFrameNanos(), this::lose, diagnostics);
    this.lostSessions = new LostSessions(config.id());
    parts.outputs().attach(new ControlThreadLines(control, () -> session));
    this.plcHooks = new PlcHooks(config, parts, control, () -> session, () -> state);
  }

  /** The camera's configured id. */
  public String id() {
    return config.id();
  }

  /** Starts opening the camera on its control thread; returns at once. */
  public void start() {
    control.execute(this::connect);
    control.scheduleWithFixedDelay(
        () -> controlHeartbeat = System.nanoTime(), 1, 1, TimeUnit.SECONDS);
  }

  /**
   * How long the control thread has not run its heartbeat: large only while a camera call blocks (a
   * dead GigE camera's tear-down takes ~10 s) or the thread is wedged.
   */
  public long controlSilenceNanos() {
    return stopping.get() ? 0 : System.nanoTime() - controlHeartbeat;
  }

  /** Where the pipeline is in its life. */
  public CameraState state() {
    return state;
  }

  /** Totals for status lines. */
  public PipelineStats stats() {
    return parts.stats();
  }

  /** The health snapshot {@code /health} and the watchdog read; thread-safe, non-blocking. */
  public CameraHealth health() {
    return new CameraHealth(
        config.id(),
        config.enabled(),
        state,
        lastFrameAgeSeconds(),
        parts.analyzers().reachable(),
        config.trigger().mode().waitsForExternalSignal(),
        diagnostics.ptpStatus().orElse(null),
        openFailures.misconfiguration().orElse(null),
        state == CameraState.STREAMING ? parts.analyzers().unanalysedNanos() / 1e9 : 0,
        instanceStates(),
        parts.outputs().health(),
        parts.records());
  }

  private Map<String, String> instanceStates() {
    Map<String, String> states = new java.util.LinkedHashMap<>();
    parts.analyzers().status().forEach(i -> states.put(i.analyzer(), i.state().label()));
    return states;
  }

  /**
   * One gauge supplier per {@code diagnostics:} feature; they read the last poll, so they survive
   * reconnects.
   */
  public Map<String, DoubleSupplier> featureGauges() {
    return diagnostics.gauges();
  }

  /** The gauges of this camera; suppliers read the current session, so they survive reconnects. */
  public CameraGauges gauges() {
    return new CameraGauges(
        parts.leases()::outstanding,
        () -> {
          CameraSession s = session;
          return s == null ? 0 : s.freeBuffers();
        },
        () -> state == CameraState.STREAMING,
        this::lastFrameAgeSeconds,
        () -> parts.analyzers().reachable(),
        this::streamStatistics,
        parts::copies,
        parts.analyzers()::retries);
  }

  /** Frames wrapped for the analyzer and not yet given back (should reach 0 when idle). */
  public FrameLeases leases() {
    return parts.leases();
  }

  private double lastFrameAgeSeconds() {
    long last = parts.lastFrameNanos().get();
    return last == Long.MIN_VALUE ? Double.NaN : (System.nanoTime() - last) / 1e9;
  }

  private StreamStatistics streamStatistics() {
    CameraSession s = session;
    return parts.streamTotals().current(s == null ? null : s.statistics());
  }

  // ---- control thread -------------------------------------------------------------------------

  private void connect() {
    if (stopping.get()) {
      return;
    }
    try {
      CameraSession opened = CameraSession.open(config, parts, this::onDrift);
      session = opened;
      state = CameraState.STREAMING;
      openFailures.succeeded();
      parts.lastFrameNanos().set(System.nanoTime());
      if (everConnected) {
        parts.metrics().cameraReconnected();
        parts.stats().reconnects.increment();
        LOG.info("Camera {}: reconnected to {}; streaming again", config.id(), opened.describe());
      } else {
        LOG.info("Camera {}: streaming from {}", config.id(), opened.describe());
      }
      everConnected = true;
      timers.start(opened);
    } catch (RuntimeException e) {
      Duration delay = openFailures.failed(e);
      state =
          openFailures.misconfiguration().isPresent()
              ? CameraState.MISCONFIGURED
              : everConnected ? CameraState.RECONNECTING : CameraState.STARTING;
      control.schedule(this::connect, delay.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  private void lose(CameraSession s, String why) {
    if (session != s || stopping.get()) {
      return;
    }
    LOG.warn("Camera {}: lost ({}); reconnecting", config.id(), why);
    replace(s);
  }

  /**
   * From the frame thread: the camera's settings were changed under the bridge. Reopening applies
   * the whole configuration again, which is what a reconnect does anyway.
   */
  private void onDrift(CameraSession s, String why) {
    control.execute(
        () -> {
          if (session != s || stopping.get()) {
            return;
          }
          parts.metrics().cameraReconfigured();
          driftLog.warn(
              config.id() + "/drift",
              "Camera {}: {}: its settings were changed under camera-bridge; applying the"
                  + " configuration again",
              config.id(),
              why);
          replace(s);
        });
  }

  private void replace(CameraSession s) {
    state = CameraState.RECONNECTING;
    timers.cancel();
    session = null;
    s.stopFrames();
    parts.streamTotals().retire(s.statistics());
    // Closing does not have to end before the camera is reopened: the old objects' last register
    // writes (AcquisitionStop, stream channel off, control released) are refused by a camera that
    // a new session controls, and are harmless to one nobody controls yet. While the old session
    // still holds control, opening fails and is retried.
    lostSessions.close(s);
    control.schedule(this::connect, openFailures.lost().toMillis(), TimeUnit.MILLISECONDS);
  }

  // ---- shutdown phases ------------------------------------------------------------------------

  /**
   * Phase 1: no more frames. Stops the trigger, the watchdog and the frame thread, then tells the
   * camera to stop acquiring. Waits at most {@code timeout} for the control thread.
   */
  public void stopAcquisition(Duration timeout) {
    stopping.set(true);
    runOnControl(
        () -> {
          timers.cancel();
          CameraSession s = session;
          if (s != null) {
            parts.outputs().restoreIdle(s.camera().features());
            s.stopAcquisition();
          }
        },
        timeout);
  }

  /** Phase 2: lets the analyzer finish frames in flight for up to {@code timeout}. */
  public void drain(Duration timeout) {
    parts.analyzers().close(timeout);
  }

  /** Phase 3: writes out and closes the journal and the NG image saver. */
  public void closeResults(Duration timeout) {
    parts.closeResults(timeout);
  }

  /**
   * Phase 3, first half: every part still waiting is decided (as a timeout), outputs still open.
   */
  public void decideWaitingParts() {
    parts.decideWaitingParts();
  }

  /** Phase 3, second half: outputs, journal and NG saver as steps to close together. */
  public List<ParallelClose.Step> closeSteps() {
    return parts.closeSteps();
  }

  /**
   * Phase 4: every buffer is back; closes the stream, then the camera, and ends the control thread;
   * lost sessions still closing get the rest of the time. Waits at most {@code timeout} in all.
   */
  public void release(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    runOnControl(
        () -> {
          CameraSession s = session;
          session = null;
          if (s != null) {
            s.close();
          }
          state = CameraState.STOPPED;
        },
        timeout);
    control.shutdownNow();
    lostSessions.await(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
    state = CameraState.STOPPED;
    long outstanding = parts.leases().outstanding();
    if (outstanding != 0) {
      LOG.warn("Camera {}: {} frame(s) were still out at shutdown", config.id(), outstanding);
    }
  }

  /** All four phases, for one camera on its own (tests, tools). */
  public void stop(Duration drain) {
    stopAcquisition(Duration.ofSeconds(15));
    drain(drain);
    closeResults(Duration.ofSeconds(5));
    release(Duration.ofSeconds(15));
  }

  private void runOnControl(Runnable task, Duration timeout) {
    try {
      control.submit(task).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      // Already shut down.
    } catch (java.util.concurrent.TimeoutException e) {
      LOG.warn(
          "Camera {}: the camera did not answer within {} during shutdown; going on",
          config.id(),
          timeout);
    } catch (java.util.concurrent.ExecutionException e) {
      LOG.warn("Camera {}: shutdown step failed: {}", config.id(), e.getCause().toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Runs {@code action} on the control thread with the open camera (e.g. to change a feature while
   * streaming). Completes exceptionally when no camera is open or the action fails. The change is
   * not re-applied after a reconnect: the configuration is.
   */
  public CompletableFuture<Void> withCamera(Consumer<Camera> action) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    try {
      control.execute(
          () -> {
            CameraSession s = session;
            if (s == null) {
              done.completeExceptionally(
                  new IllegalStateException("camera " + config.id() + " is not open"));
              return;
            }
            try {
              action.accept(s.camera());
              done.complete(null);
            } catch (RuntimeException e) {
              done.completeExceptionally(e);
            }
          });
    } catch (java.util.concurrent.RejectedExecutionException e) {
      done.completeExceptionally(e);
    }
    return done;
  }

  /** What a PLC may do with this camera: trigger it, give the next part's id, read counts. */
  public PlcHooks plc() {
    return plcHooks;
  }

  /** The camera's current session, if streaming (tests read the camera's settings through it). */
  Optional<CameraSession> session() {
    return Optional.ofNullable(session);
  }

  @Override
  public String toString() {
    return "CameraPipeline[" + config.id() + ", " + state.label() + "]";
  }

  /** The analyzer instances this pipeline sends to. */
  public AnalyzerPool analyzers() {
    return parts.analyzers();
  }

  FrameMetrics metrics() {
    return parts.metrics();
  }
}
