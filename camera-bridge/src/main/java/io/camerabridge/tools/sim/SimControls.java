package io.camerabridge.tools.sim;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/** The settings that tests and the CLI may change while the simulator runs. Thread-safe. */
final class SimControls {
  private volatile Latency latency;
  private volatile Processing processing;
  private volatile boolean checksums;
  private final AtomicReference<FaultPlan> faults;
  private volatile int ngEvery;
  private final java.util.concurrent.atomic.AtomicLong discarded =
      new java.util.concurrent.atomic.AtomicLong();

  SimControls(Latency latency, Processing processing, boolean checksums, FaultPlan faults) {
    this.latency = latency;
    this.processing = processing;
    this.checksums = checksums;
    this.faults = new AtomicReference<>(faults);
  }

  Latency latency() {
    return latency;
  }

  void latency(Latency latency) {
    this.latency = Objects.requireNonNull(latency, "latency");
  }

  Processing processing() {
    return processing;
  }

  void processing(Processing processing) {
    this.processing = Objects.requireNonNull(processing, "processing");
  }

  boolean checksums() {
    return checksums;
  }

  void checksums(boolean on) {
    this.checksums = on;
  }

  void ngEvery(int n) {
    this.ngEvery = n;
  }

  /** Whether the next discard-mode answer is NG: every {@code ngEvery}-th one (0: never). */
  boolean nextDiscardIsNg() {
    int n = ngEvery;
    return n > 0 && discarded.incrementAndGet() % n == 0;
  }

  FaultPlan faultPlan() {
    return faults.get();
  }

  void faultPlan(FaultPlan plan) {
    faults.set(plan);
  }

  /** The fault for the next analyze request, counting it against a limited plan. */
  Fault takeFault() {
    return faults.getAndUpdate(FaultPlan::next).fault();
  }
}
