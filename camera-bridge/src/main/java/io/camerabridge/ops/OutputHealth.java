package io.camerabridge.ops;

import java.util.Objects;

/**
 * The health of one thing a camera writes out (an output, its journal, its NG images) at a moment,
 * as {@code /health} shows it. Holds nothing secret (no broker or webhook address: the output's
 * name says which it is).
 *
 * @param output the output's name (its {@code output} metric label)
 * @param type {@code line}, {@code mqtt}, {@code webhook}, {@code journal} or {@code ng-images}
 * @param failingSeconds how long the output has not delivered: since the first outcome in a row
 *     that was not written (failed or dropped), or since the broker connection went down; 0 while
 *     it delivers
 * @param problem what is wrong, e.g. {@code 3 outcomes in a row not delivered}; null while it
 *     delivers
 */
public record OutputHealth(String output, String type, double failingSeconds, String problem) {

  /**
   * An output that has not delivered for this long makes its camera unhealthy. Long enough for a
   * broker reconnect or one retried write to pass unnoticed, short enough that a dead reject gate
   * or MES link shows before many parts go by.
   */
  public static final double FAILING_SECONDS = 10;

  public OutputHealth {
    Objects.requireNonNull(output, "output");
    Objects.requireNonNull(type, "type");
  }

  /** An output that delivers. */
  public static OutputHealth ok(String output, String type) {
    return new OutputHealth(output, type, 0, null);
  }

  /** Whether it has failed to deliver for {@link #FAILING_SECONDS} or more. */
  public boolean failing() {
    return problem != null && failingSeconds >= FAILING_SECONDS;
  }

  /**
   * How the STATUS line names it: {@code OUTPUT reject-gate}, {@code JOURNAL}, {@code NG IMAGES}.
   */
  public String label() {
    return switch (type) {
      case "journal" -> "JOURNAL";
      case "ng-images" -> "NG IMAGES";
      default -> "OUTPUT " + output;
    };
  }

  /** {@code ok}, {@code failing} (long enough to count) or {@code troubled} (not yet). */
  public String state() {
    return problem == null ? "ok" : failing() ? "failing" : "troubled";
  }
}
