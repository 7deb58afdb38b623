package io.camerabridge.analyzers;

import io.camerabridge.pekat.AnalysisOutcome;

/** Which outcomes count against an instance's health. */
final class InstanceFailures {
  private InstanceFailures() {}

  /**
   * Refused, reset, timed out or a 5xx: the instance itself is in trouble. A 4xx (wrong key, bad
   * parameters) or a malformed body is an answer from a live instance; a busy drop never left the
   * bridge.
   */
  static boolean isInstanceFailure(AnalysisOutcome outcome) {
    if (outcome instanceof AnalysisOutcome.HttpError e) {
      return e.status() >= 500;
    }
    return outcome instanceof AnalysisOutcome.ConnectFailed
        || outcome instanceof AnalysisOutcome.IoError
        || outcome instanceof AnalysisOutcome.Timeout;
  }

  /** A refused connection: nobody listens, so no point in waiting for more failures. */
  static boolean isRefused(AnalysisOutcome outcome) {
    return outcome instanceof AnalysisOutcome.ConnectFailed;
  }
}
