package io.camerabridge.tools.bench;

import io.camerabridge.metrics.DropReason;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/** Frames the pipeline dropped, by reason, at one instant or between two. */
record DropTally(long[] byReason) {

  static DropTally of(LongAdder[] adders) {
    long[] n = new long[adders.length];
    for (int i = 0; i < n.length; i++) {
      n[i] = adders[i].sum();
    }
    return new DropTally(n);
  }

  static DropTally none() {
    return new DropTally(new long[DropReason.values().length]);
  }

  long get(DropReason reason) {
    return byReason[reason.ordinal()];
  }

  DropTally plus(DropTally o) {
    long[] n = byReason.clone();
    for (int i = 0; i < n.length; i++) {
      n[i] += o.byReason[i];
    }
    return new DropTally(n);
  }

  DropTally minus(DropTally o) {
    long[] n = byReason.clone();
    for (int i = 0; i < n.length; i++) {
      n[i] -= o.byReason[i];
    }
    return new DropTally(n);
  }

  /** E.g. {@code analyzer_busy 12, analyzer_down 3}; {@code none} when nothing was dropped. */
  String describe() {
    List<String> parts = new ArrayList<>();
    for (DropReason r : DropReason.values()) {
      if (get(r) != 0) {
        parts.add(r.tagValue() + " " + get(r));
      }
    }
    return parts.isEmpty() ? "none" : String.join(", ", parts);
  }
}
