package io.camerabridge.outcome;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Turns one camera's verdicts, which arrive in any order, into one {@link PartOutcome} per part in
 * sequence order, each exactly once: a part's outcome waits for every earlier part to have its own
 * (an answer, an error, or its deadline passing).
 *
 * <p>Threads: {@link #expect} runs on the frame thread and only writes a preallocated slot under an
 * uncontended lock; {@link #answer} and {@link #fail} run wherever results are handled. With a
 * deadline, one daemon thread ({@code verdicts-<camera>}) sleeps until the oldest waiting part's
 * deadline; no timer is scheduled per frame. The listener is called in order, under the lock, and
 * must not block (the outputs only queue).
 *
 * <p>Bounded: at most {@code capacity} parts wait; one more forces the oldest to its deadline
 * outcome at once (counted as forced), so a hung analyzer cannot grow memory.
 */
public final class VerdictSequencer implements AutoCloseable {
  /** A timeout emitted within this of its deadline is on time: the timer thread's own slack. */
  static final long TIMER_SLACK_NANOS = TimeUnit.MILLISECONDS.toNanos(2);

  /** How an answer arrived. */
  public enum Arrival {
    /** Before the deadline: its outcome is (or will be) what the outputs are told. */
    ON_TIME,
    /** After the deadline, or after the part was already decided: journaled, not fired. */
    LATE
  }

  /** Marks a slot decided by its deadline; compared by identity. */
  private static final Verdict TIMED_OUT = Verdict.error("timeout");

  private static final class Slot {
    long sequence;
    long frameId;
    long filledEpochNanos;
    Map<String, Number> chunks;
    String partId;
    long deadlineNanos;
    Verdict verdict;
  }

  private final String camera;
  private final long deadlineNanos;
  private final Outcome timeoutDecision;
  private final Consumer<PartOutcome> listener;
  private final Slot[] ring;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition headChanged = lock.newCondition();
  private final Thread timer;
  private final LongAdder late = new LongAdder();
  private final LongAdder forced = new LongAdder();
  private final LongAdder[] emitted = new LongAdder[Outcome.values().length];
  private int head;
  private int size;
  private long lastDecided = Long.MIN_VALUE;
  private boolean closed;

  /**
   * @param deadline buffer filled to verdict; null waits for every answer
   * @param timeoutDecision what a timeout counts as: OK, NG, or null when timeouts are skipped
   * @param capacity parts that may wait at once
   * @param listener told each part's outcome, in sequence order; must not block
   */
  public VerdictSequencer(
      String camera,
      Duration deadline,
      Outcome timeoutDecision,
      int capacity,
      Consumer<PartOutcome> listener) {
    this.camera = Objects.requireNonNull(camera, "camera");
    this.deadlineNanos = deadline == null ? -1 : deadline.toNanos();
    this.timeoutDecision = timeoutDecision;
    this.listener = Objects.requireNonNull(listener, "listener");
    this.ring = new Slot[capacity];
    for (int i = 0; i < capacity; i++) {
      ring[i] = new Slot();
    }
    for (int i = 0; i < emitted.length; i++) {
      emitted[i] = new LongAdder();
    }
    if (deadlineNanos >= 0) {
      timer = new Thread(this::runTimer, "verdicts-" + camera);
      timer.setDaemon(true);
      timer.start();
    } else {
      timer = null;
    }
  }

  /**
   * A part was acquired and will get a verdict (or a {@link #fail}). Call in sequence order, on the
   * frame thread.
   *
   * @param filledEpochNanos host wall-clock time the buffer was filled (ns since the epoch)
   */
  public void expect(long sequence, long frameId, long filledEpochNanos) {
    expect(sequence, frameId, filledEpochNanos, Map.of(), null);
  }

  /**
   * Like {@link #expect(long, long, long)}, for a frame that carried chunk values or a PLC's part
   * id: they go out with the part's outcome.
   *
   * @param partId the part id the PLC wrote for this frame, or null
   */
  public void expect(
      long sequence,
      long frameId,
      long filledEpochNanos,
      Map<String, Number> chunks,
      String partId) {
    long now = System.nanoTime();
    long age = Math.max(0, epochNanosNow() - filledEpochNanos);
    lock.lock();
    try {
      if (closed) {
        return;
      }
      if (size == ring.length) {
        forced.increment();
        decideHeadAsTimeout();
        drain(now);
      }
      Slot s = ring[(head + size) % ring.length];
      s.sequence = sequence;
      s.frameId = frameId;
      s.filledEpochNanos = filledEpochNanos;
      s.chunks = chunks;
      s.partId = partId;
      s.deadlineNanos = deadlineNanos < 0 ? Long.MAX_VALUE : now - age + deadlineNanos;
      s.verdict = null;
      size++;
      if (size == 1 && timer != null) {
        headChanged.signal();
      }
    } finally {
      lock.unlock();
    }
  }

  /** The analyzer's verdict (OK, NG or ERROR) for a part. */
  public Arrival answer(long sequence, Verdict verdict) {
    long now = System.nanoTime();
    lock.lock();
    try {
      Slot s = find(sequence);
      if (s == null || s.verdict != null) {
        late.increment();
        return Arrival.LATE;
      }
      if (now - s.deadlineNanos > 0) {
        // Past its deadline: the timeout wins even if the timer has not run yet.
        late.increment();
        s.verdict = TIMED_OUT;
        drain(now);
        return Arrival.LATE;
      }
      s.verdict = verdict;
      drain(now);
      return Arrival.ON_TIME;
    } finally {
      lock.unlock();
    }
  }

  /** A part that will never get a verdict (dropped, incomplete, analyzer failed). */
  public void fail(long sequence, String why) {
    answer(sequence, Verdict.error(why));
  }

  /** Answers that came after their part was decided. */
  public long lateAnswers() {
    return late.sum();
  }

  /** Parts decided before their deadline because {@code capacity} parts were waiting. */
  public long forcedTimeouts() {
    return forced.sum();
  }

  /** Outcomes handed to the listener, by kind. */
  public long emitted(Outcome outcome) {
    return emitted[outcome.ordinal()].sum();
  }

  /** Parts waiting for their outcome (their own or an earlier part's). */
  public int waiting() {
    lock.lock();
    try {
      return size;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Decides every waiting part as a timeout (the service is stopping: their answers will not come
   * in time) and stops the timer.
   */
  @Override
  public void close() {
    lock.lock();
    try {
      if (closed) {
        return;
      }
      long now = System.nanoTime();
      while (size > 0) {
        decideHeadAsTimeout();
        drain(now);
      }
      closed = true;
      headChanged.signalAll();
    } finally {
      lock.unlock();
    }
    if (timer != null) {
      timer.interrupt();
    }
  }

  private Slot find(long sequence) {
    if (size == 0 || sequence <= lastDecided) {
      return null;
    }
    // Sequences are contiguous unless frames were never expected; try the direct index first.
    long offset = sequence - ring[head].sequence;
    if (offset >= 0 && offset < size) {
      Slot s = ring[(int) ((head + offset) % ring.length)];
      if (s.sequence == sequence) {
        return s;
      }
    }
    for (int i = 0; i < size; i++) {
      Slot s = ring[(head + i) % ring.length];
      if (s.sequence == sequence) {
        return s;
      }
    }
    return null;
  }

  private void decideHeadAsTimeout() {
    Slot s = ring[head];
    if (s.verdict == null) {
      s.verdict = TIMED_OUT;
    }
  }

  /** Hands every decided part at the head to the listener, in order. */
  private void drain(long now) {
    boolean moved = false;
    while (size > 0 && ring[head].verdict != null) {
      emit(ring[head], now);
      ring[head].verdict = null;
      head = (head + 1) % ring.length;
      size--;
      moved = true;
    }
    if (moved && timer != null) {
      headChanged.signal();
    }
  }

  private void emit(Slot s, long now) {
    Verdict v = s.verdict;
    boolean timedOut = v == TIMED_OUT;
    Outcome outcome = timedOut ? Outcome.TIMEOUT : v.outcome();
    Outcome decision =
        switch (outcome) {
          case OK, NG -> outcome;
          case TIMEOUT -> timeoutDecision;
          case ERROR -> null;
        };
    long latency = Math.max(0, epochNanosNow() - s.filledEpochNanos);
    boolean pastDeadline =
        s.deadlineNanos != Long.MAX_VALUE && now - s.deadlineNanos > TIMER_SLACK_NANOS;
    lastDecided = s.sequence;
    emitted[outcome.ordinal()].increment();
    PartOutcome part =
        new PartOutcome(
            camera,
            s.sequence,
            s.frameId,
            outcome,
            decision,
            v.defects(),
            s.filledEpochNanos,
            latency,
            pastDeadline,
            v.classes(),
            v.contextJson(),
            timedOut ? null : v.error(),
            s.chunks,
            s.partId,
            timedOut ? null : v.analyzer());
    try {
      listener.accept(part);
    } catch (RuntimeException e) {
      // An output's bug must not stop the stream of the others; outputs count their own failures.
      Thread t = Thread.currentThread();
      t.getUncaughtExceptionHandler().uncaughtException(t, e);
    }
  }

  private void runTimer() {
    lock.lock();
    try {
      while (!closed) {
        if (size == 0) {
          headChanged.await();
          continue;
        }
        long wait = ring[head].deadlineNanos - System.nanoTime();
        if (wait > 0) {
          headChanged.awaitNanos(wait);
          continue;
        }
        long now = System.nanoTime();
        decideHeadAsTimeout();
        drain(now);
      }
    } catch (InterruptedException e) {
      // close() ends the timer.
    } finally {
      lock.unlock();
    }
  }

  private static long epochNanosNow() {
    Instant now = Instant.now();
    return now.getEpochSecond() * 1_000_000_000L + now.getNano();
  }
}
