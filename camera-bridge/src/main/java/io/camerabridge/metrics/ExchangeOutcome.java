package io.camerabridge.metrics;

import java.util.Locale;

/** How one frame's exchange with the analyzer ended; the {@code outcome} tag of the meters. */
public enum ExchangeOutcome {
  /** The analyzer answered and judged the frame good. */
  OK,
  /** The analyzer answered and judged the frame not good. */
  NG,
  /**
   * The analyzer answered without a verdict: its context has no {@code result} (PEKAT's "Process"
   * is off, or the flow failed).
   */
  NO_VERDICT,
  /** The analyzer answered with a non-2xx HTTP status. */
  HTTP_ERROR,
  /** No complete response within the per-frame deadline. */
  TIMEOUT,
  /** No connection to the analyzer could be opened. */
  CONNECT_FAILED,
  /** The connection failed while the request or response was in transit. */
  IO_ERROR,
  /** A 2xx response whose body or headers could not be understood. */
  MALFORMED_RESPONSE;

  private final String tagValue = name().toLowerCase(Locale.ROOT);

  /** The tag value, e.g. {@code connect_failed}. */
  public String tagValue() {
    return tagValue;
  }

  /**
   * The outcome for a tag value or constant name, case-insensitive ({@code "ok"}, {@code
   * "HTTP_ERROR"}).
   *
   * @throws IllegalArgumentException if {@code name} is not one of the outcomes; the set is closed
   *     so that the {@code outcome} tag stays bounded
   */
  public static ExchangeOutcome fromTag(String name) {
    for (ExchangeOutcome outcome : values()) {
      if (outcome.tagValue.equalsIgnoreCase(name)) {
        return outcome;
      }
    }
    throw new IllegalArgumentException(
        "Unknown exchange outcome '"
            + name
            + "'; expected one of "
            + java.util.Arrays.toString(values()).toLowerCase(Locale.ROOT));
  }
}
