package io.camerabridge.tools.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What one PLC client of {@code bench plc} saw while recording: each outcome's sequence with the
 * wall-clock time it became visible, in the order seen. Wall clock, because the journal's
 * buffer-filled time is host wall-clock time too. Thread-safe.
 */
final class PlcSightings {
  /** One outcome as a client saw it. */
  record Sighting(long sequence, long wallNanos) {}

  private final List<Sighting> seen = new ArrayList<>();
  private volatile boolean recording;
  private long last;
  private long outOfOrder;
  private volatile boolean any;

  static long wallNanos() {
    Instant now = Instant.now();
    return now.getEpochSecond() * 1_000_000_000L + now.getNano();
  }

  void recording(boolean on) {
    recording = on;
  }

  /** Whether any outcome was seen yet, recording or not. */
  boolean any() {
    return any;
  }

  synchronized void seen(long sequence, long wallNanos) {
    any = true;
    if (!recording) {
      last = sequence;
      return;
    }
    if (sequence <= last) {
      outOfOrder++;
    }
    last = sequence;
    seen.add(new Sighting(sequence, wallNanos));
  }

  synchronized List<Sighting> seen() {
    return List.copyOf(seen);
  }

  synchronized long outOfOrder() {
    return outOfOrder;
  }
}
