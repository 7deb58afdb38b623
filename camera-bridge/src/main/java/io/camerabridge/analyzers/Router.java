package io.camerabridge.analyzers;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Which instance a frame goes to: the routable one (ready, not under a check) with the fewest
 * requests in flight, ties in turn (the start of the scan rotates). Reads atomics and volatile
 * states only, so it is safe on the frame thread and the event loop alike; a lost race for the last
 * slot just scans again.
 */
final class Router {
  private final List<Instance> instances;
  private final AtomicInteger turn = new AtomicInteger();

  Router(List<Instance> instances) {
    this.instances = instances;
  }

  /** Least loaded ready instance with a free slot, reserved; {@code not} is skipped; or null. */
  Instance pick(Instance not) {
    int n = instances.size();
    int start = Math.floorMod(turn.getAndIncrement(), n);
    while (true) {
      Instance best = null;
      for (int k = 0; k < n; k++) {
        Instance i = instances.get((start + k) % n);
        if (i != not
            && i.routable()
            && i.inFlight.get() < i.maxInFlight
            && (best == null || i.inFlight.get() < best.inFlight.get())) {
          best = i;
        }
      }
      if (best == null || best.tryReserve()) {
        return best;
      }
    }
  }

  int readyCount() {
    int n = 0;
    for (Instance i : instances) {
      if (i.state == AnalyzerState.READY) {
        n++;
      }
    }
    return n;
  }
}
