package io.camerabridge.pekat;

import java.util.OptionalLong;

/**
 * {@link System#nanoTime()} stamps of one exchange, for upload and analysis latency metrics. A
 * stamp the exchange never reached (the write never finished, no response came) is {@link
 * #NOT_REACHED}; the duration accessors then return empty.
 *
 * @param startNanos when {@code analyze} was called
 * @param firstByteWrittenNanos when the request head was handed to the socket
 * @param lastByteWrittenNanos when the last body byte was handed to the socket
 * @param responseCompleteNanos when the whole response had arrived
 * @param endNanos when the outcome was decided (always set)
 */
public record ExchangeTimings(
    long startNanos,
    long firstByteWrittenNanos,
    long lastByteWrittenNanos,
    long responseCompleteNanos,
    long endNanos) {

  /** Marks a stamp the exchange did not reach. */
  public static final long NOT_REACHED = Long.MIN_VALUE;

  /** Timings of an exchange that ended before anything was written. */
  public static ExchangeTimings endedBeforeWrite(long startNanos, long endNanos) {
    return new ExchangeTimings(startNanos, NOT_REACHED, NOT_REACHED, NOT_REACHED, endNanos);
  }

  /** From {@code analyze} to the outcome. */
  public long totalNanos() {
    return endNanos - startNanos;
  }

  /** From {@code analyze} to the last byte written: connecting plus upload. */
  public OptionalLong uploadNanos() {
    return between(startNanos, lastByteWrittenNanos);
  }

  /** From the first to the last byte written: the upload of the frame alone. */
  public OptionalLong writeNanos() {
    return between(firstByteWrittenNanos, lastByteWrittenNanos);
  }

  /** From the last byte written to the complete response: PEKAT's analysis plus the reply. */
  public OptionalLong analysisNanos() {
    return between(lastByteWrittenNanos, responseCompleteNanos);
  }

  private static OptionalLong between(long from, long to) {
    if (from == NOT_REACHED || to == NOT_REACHED) {
      return OptionalLong.empty();
    }
    return OptionalLong.of(to - from);
  }
}
