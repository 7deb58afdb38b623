package io.camerabridge.plc;

import io.camerabridge.config.PlcHandshake;
import io.camerabridge.outcome.PartOutcome;
import java.util.ArrayDeque;

/**
 * The result handshake of one camera, without threads: which outcome is shown, whether ResultValid
 * is set, and what waits. Only the PLC core's thread changes it; metrics read the counters.
 *
 * <ul>
 *   <li>{@code off}: every outcome is shown and ResultValid stays set; an Ack has nothing to clear.
 *   <li>{@code latest}: an outcome that comes before the Ack replaces the shown one, which is
 *       counted as unacknowledged.
 *   <li>{@code queue}: it waits in a queue of {@code capacity}; each Ack clears ResultValid and
 *       {@link #advance()} shows the next. One more than {@code capacity} is dropped and counted.
 * </ul>
 */
final class Handshake {
  private final PlcHandshake mode;
  private final int capacity;
  private final ArrayDeque<PartOutcome> waiting = new ArrayDeque<>();
  private PartOutcome shown;
  private boolean resultValid;
  private volatile long acks;
  private volatile long unacknowledged;
  private volatile long overflow;
  // The queue's size for /health, which reads it from another thread than the one that changes it.
  private volatile int queued;

  Handshake(PlcHandshake mode, int capacity) {
    this.mode = mode;
    this.capacity = capacity;
  }

  /**
   * A new outcome, in sequence order.
   *
   * @return whether the shown values changed
   */
  boolean offer(PartOutcome part) {
    if (resultValid) {
      switch (mode) {
        case QUEUE -> {
          if (waiting.size() < capacity) {
            waiting.addLast(part);
            queued = waiting.size();
          } else {
            overflow++;
          }
          return false;
        }
        case LATEST -> unacknowledged++;
        case OFF -> {}
      }
    }
    shown = part;
    resultValid = true;
    return true;
  }

  /**
   * The PLC acknowledged: ResultValid (and Ack) are cleared.
   *
   * @return false when no result was waiting for an acknowledgement
   */
  boolean acknowledge() {
    if (mode == PlcHandshake.OFF || !resultValid) {
      return false;
    }
    resultValid = false;
    acks++;
    return true;
  }

  /**
   * After an acknowledgement: shows the next waiting outcome, if any.
   *
   * @return whether one was shown
   */
  boolean advance() {
    if (resultValid || waiting.isEmpty()) {
      return false;
    }
    shown = waiting.removeFirst();
    queued = waiting.size();
    resultValid = true;
    return true;
  }

  boolean modeIsOff() {
    return mode == PlcHandshake.OFF;
  }

  /** The outcome shown, or null before the first. */
  PartOutcome shown() {
    return shown;
  }

  boolean resultValid() {
    return resultValid;
  }

  /** Outcomes waiting behind the shown one ({@code queue}); safe to read from any thread. */
  int waiting() {
    return queued;
  }

  long acks() {
    return acks;
  }

  long unacknowledged() {
    return unacknowledged;
  }

  long overflow() {
    return overflow;
  }
}
