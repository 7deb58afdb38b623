package io.camerabridge.metrics;

import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Where {@link CameraMeterBinder} reads one camera's state when Prometheus scrapes. Suppliers are
 * called on the scrape thread: they must be cheap, non-blocking and thread-safe (read a volatile or
 * an atomic), and they must outlive reconnects — a gauge is registered once per camera, so a
 * supplier should read the current pipeline, not capture one stream.
 *
 * @param framesInFlight frames popped and not yet given back to the stream
 * @param freeBuffers buffers queued in the stream, ready to be filled
 * @param connected whether the camera is open and acquiring
 * @param lastFrameAgeSeconds seconds since the last frame was popped, {@code NaN} before the first
 * @param analyzerReachable whether the analyzer answered the last exchange or probe
 * @param streamStatistics Aravis's stream counters; called at most once per scrape. They should be
 *     totals over the process (carry earlier streams' counts across a reconnect); a drop to a lower
 *     value is read by Prometheus as a counter reset, which is harmless but loses one interval
 * @param analyzerRetries requests the camera's client sent again on a fresh connection (a total)
 */
public record CameraGauges(
    LongSupplier framesInFlight,
    LongSupplier freeBuffers,
    BooleanSupplier connected,
    DoubleSupplier lastFrameAgeSeconds,
    BooleanSupplier analyzerReachable,
    Supplier<StreamStatistics> streamStatistics,
    LongSupplier framesCopied,
    LongSupplier analyzerRetries) {

  public CameraGauges {
    Objects.requireNonNull(framesInFlight, "framesInFlight");
    Objects.requireNonNull(freeBuffers, "freeBuffers");
    Objects.requireNonNull(connected, "connected");
    Objects.requireNonNull(lastFrameAgeSeconds, "lastFrameAgeSeconds");
    Objects.requireNonNull(analyzerReachable, "analyzerReachable");
    Objects.requireNonNull(streamStatistics, "streamStatistics");
    Objects.requireNonNull(framesCopied, "framesCopied");
    Objects.requireNonNull(analyzerRetries, "analyzerRetries");
  }
}
