package io.camerabridge.plc;

import io.camerabridge.config.PlcHandshake;
import io.camerabridge.outcome.PartOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One camera as the PLC sees it: fed by the camera's in-order outcome stream (the same outcomes in
 * the same order as its outputs), owning the result handshake, and passing the PLC's Ack, Trigger,
 * PartId and Recipe on.
 *
 * <p>Threads: {@link #accept} (the outcome sequencer's thread) and the protocol threads only put an
 * event into a bounded inbox, never waiting; a full inbox drops the event and counts it. The
 * camera's own thread ({@code plc-<id>}) takes the events in order, runs the {@link Handshake},
 * publishes a new {@link PlcState} snapshot and tells the listeners; it also refreshes the camera
 * state, frame rate and counters every {@value #REFRESH_MILLIS} ms.
 */
public final class PlcCameraCore implements PlcCamera, Consumer<PartOutcome>, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PlcCameraCore.class);
  static final int REFRESH_MILLIS = 250;

  /** Events waiting for the camera's PLC thread; far more than a camera's outcomes per second. */
  static final int INBOX_CAPACITY = 4096;

  private enum Kind {
    OUTCOME,
    ACK,
    PART_ID,
    RECIPE,
    STOP
  }

  private record Event(Kind kind, PartOutcome part, String text, int number) {}

  private final String id;
  private final int slot;
  private final PlcCameraLink link;
  private final Handshake handshake;
  private final BlockingQueue<Event> inbox = new ArrayBlockingQueue<>(INBOX_CAPACITY);
  private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
  private final LongAdder inboxOverflow = new LongAdder();
  private final LongAdder triggersAccepted = new LongAdder();
  private final LongAdder triggersRefused = new LongAdder();
  private final LongAdder recipesAccepted = new LongAdder();
  private final LongAdder recipesRefused = new LongAdder();
  private final Thread thread;
  private final FrameRate fps = new FrameRate();
  private volatile PlcState state;
  // Changed on the PLC thread only.
  private long ok;
  private long ng;
  private long failed;
  private int lastErrorCode;
  private String partId = "";
  private int recipe;

  /**
   * @param slot the Modbus slot, or -1 for a camera outside the Modbus map
   * @param queue outcomes held for {@code handshake: queue}
   */
  public PlcCameraCore(String id, int slot, PlcHandshake mode, int queue, PlcCameraLink link) {
    this.id = Objects.requireNonNull(id, "id");
    this.slot = slot;
    this.link = Objects.requireNonNull(link, "link");
    this.handshake = new Handshake(mode, queue);
    this.state = snapshot();
    this.thread = new Thread(this::run, "plc-" + id);
    thread.setDaemon(true);
  }

  /** Starts the camera's PLC thread. */
  public void start() {
    thread.start();
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public int slot() {
    return slot;
  }

  @Override
  public PlcState state() {
    return state;
  }

  @Override
  public void addListener(Runnable listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
  }

  /** An outcome from the sequencer, in sequence order; never blocks. */
  @Override
  public void accept(PartOutcome part) {
    post(new Event(Kind.OUTCOME, part, null, 0));
  }

  @Override
  public boolean acknowledge() {
    // Answered from the snapshot: the event itself is applied in order on the PLC thread.
    boolean waiting = state.resultValid() && !handshake.modeIsOff();
    post(new Event(Kind.ACK, null, null, 0));
    return waiting;
  }

  @Override
  public boolean trigger() {
    boolean accepted = link.trigger();
    (accepted ? triggersAccepted : triggersRefused).increment();
    return accepted;
  }

  @Override
  public void partId(String partId) {
    String value = partId == null ? "" : partId;
    // Straight to the pipeline, so a Trigger right after the write already carries it.
    link.partId(value);
    post(new Event(Kind.PART_ID, null, value, 0));
  }

  @Override
  public void recipe(int number) {
    boolean accepted = link.recipe(number);
    (accepted ? recipesAccepted : recipesRefused).increment();
    if (accepted) {
      post(new Event(Kind.RECIPE, null, null, number));
    } else {
      LOG.warn("Camera {}: the PLC asked for recipe {}, which is not configured", id, number);
    }
  }

  /** Stops the PLC thread within {@code timeout}; events still waiting are dropped. */
  public void close(Duration timeout) {
    inbox.clear();
    inbox.offer(new Event(Kind.STOP, null, null, 0));
    try {
      thread.join(Math.max(1, timeout.toMillis()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    close(Duration.ofSeconds(1));
  }

  // ---- counters (metrics, /health) ----------------------------------------------------------

  public long acks() {
    return handshake.acks();
  }

  public long unacknowledged() {
    return handshake.unacknowledged();
  }

  /** Outcomes waiting behind the shown one (handshake {@code queue}). */
  public int queueDepth() {
    return handshake.waiting();
  }

  public long queueOverflow() {
    return handshake.overflow();
  }

  public long inboxOverflow() {
    return inboxOverflow.sum();
  }

  public long triggers(boolean accepted) {
    return (accepted ? triggersAccepted : triggersRefused).sum();
  }

  public long recipeSwitches(boolean accepted) {
    return (accepted ? recipesAccepted : recipesRefused).sum();
  }

  // ---- the PLC thread -----------------------------------------------------------------------

  private void post(Event event) {
    if (!inbox.offer(event)) {
      inboxOverflow.increment();
    }
  }

  private void run() {
    try {
      while (true) {
        Event event = inbox.poll(REFRESH_MILLIS, TimeUnit.MILLISECONDS);
        if (event != null && event.kind() == Kind.STOP) {
          return;
        }
        if (event == null) {
          publishIfChanged();
        } else {
          handle(event);
        }
      }
    } catch (InterruptedException e) {
      // Stopping.
    } catch (RuntimeException e) {
      LOG.error("Camera {}: the PLC thread failed; the PLC sees no more changes", id, e);
    }
  }

  private void handle(Event event) {
    switch (event.kind()) {
      case OUTCOME -> {
        count(event.part());
        handshake.offer(event.part());
        publish();
      }
      case ACK -> {
        if (handshake.acknowledge()) {
          // Two snapshots: the PLC sees ResultValid drop before the next queued result.
          publish();
          if (handshake.advance()) {
            publish();
          }
        }
      }
      case PART_ID -> {
        partId = event.text();
        publish();
      }
      case RECIPE -> {
        recipe = event.number();
        LOG.info("Camera {}: the PLC switched to recipe {}", id, recipe);
        publish();
      }
      case STOP -> throw new IllegalStateException("handled by run()");
    }
  }

  private void count(PartOutcome part) {
    switch (part.outcome()) {
      case OK -> ok++;
      case NG -> ng++;
      case TIMEOUT -> failed++;
      case ERROR -> {
        failed++;
        lastErrorCode = PlcErrorCode.of(part.error()).code();
      }
    }
  }

  private void publishIfChanged() {
    PlcState next = snapshot();
    PlcState now = state;
    if (next.cameraState() != now.cameraState()
        || next.fps() != now.fps()
        || next.dropped() != now.dropped()) {
      publish(next);
    }
  }

  private void publish() {
    publish(snapshot());
  }

  private void publish(PlcState next) {
    state = next;
    for (Runnable listener : listeners) {
      try {
        listener.run();
      } catch (RuntimeException e) {
        LOG.warn("Camera {}: a PLC listener failed: {}", id, e.toString());
      }
    }
  }

  private PlcState snapshot() {
    PartOutcome shown = handshake.shown();
    return new PlcState(
        shown == null ? 0 : shown.sequence(),
        shown == null ? null : shown.outcome(),
        shown == null ? 0 : shown.defects(),
        shown == null ? 0 : shown.frameId(),
        shown == null ? null : instant(shown.filledEpochNanos()),
        handshake.resultValid(),
        false,
        link.cameraState(),
        fps.update(link.acquired(), System.nanoTime()),
        ok,
        ng,
        failed,
        link.dropped(),
        lastErrorCode,
        partId,
        recipe);
  }

  private static Instant instant(long epochNanos) {
    return Instant.ofEpochSecond(
        Math.floorDiv(epochNanos, 1_000_000_000L), Math.floorMod(epochNanos, 1_000_000_000L));
  }

  /** Frames per second over the last second or more, from the acquired count. */
  private static final class FrameRate {
    private long windowStartNanos = Long.MIN_VALUE;
    private long windowStartCount;
    private double fps;

    synchronized double update(long count, long nowNanos) {
      if (windowStartNanos == Long.MIN_VALUE) {
        windowStartNanos = nowNanos;
        windowStartCount = count;
        return 0;
      }
      long elapsed = nowNanos - windowStartNanos;
      if (elapsed >= 1_000_000_000L) {
        fps = Math.round((count - windowStartCount) * 10e9 / elapsed) / 10.0;
        windowStartNanos = nowNanos;
        windowStartCount = count;
      }
      return fps;
    }
  }
}
