package io.camerabridge.tools.sim;

/**
 * The fault in force and for how many more analyze requests (negative = until changed). Immutable;
 * the simulator swaps plans atomically.
 */
record FaultPlan(Fault fault, int remaining) {
  static final FaultPlan NONE = new FaultPlan(Fault.NONE, -1);

  /** The plan after one request has taken this plan's fault. */
  FaultPlan next() {
    if (remaining < 0) {
      return this;
    }
    return remaining <= 1 ? NONE : new FaultPlan(fault, remaining - 1);
  }
}
