package io.camerabridge.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Map;
import java.util.Objects;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Binds one camera's gauges and Aravis stream counters, read from {@link CameraGauges} when the
 * registry is scraped. Bind once per camera for the life of the process (Micrometer keeps the first
 * registration of a name and tags, so re-binding after a reconnect would keep the old suppliers).
 */
public final class CameraMeterBinder implements MeterBinder {

  /** Stream statistics are a native call; one scrape reads them once, not once per counter. */
  static final long STATISTICS_MAX_AGE_NANOS = 1_000_000_000L;

  private final String cameraId;
  private final CameraGauges gauges;
  private final LongSupplier nanoClock;

  public CameraMeterBinder(String cameraId, CameraGauges gauges) {
    this(cameraId, gauges, System::nanoTime);
  }

  CameraMeterBinder(String cameraId, CameraGauges gauges, LongSupplier nanoClock) {
    this.cameraId = cameraId;
    this.gauges = Objects.requireNonNull(gauges, "gauges");
    this.nanoClock = nanoClock;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    Tags tags = MicrometerFrameMetrics.cameraTags(cameraId);
    CameraGauges g = gauges;
    BridgeMeter.FRAMES_IN_FLIGHT.gauge(registry, tags, g, x -> x.framesInFlight().getAsLong());
    BridgeMeter.FREE_BUFFERS.gauge(registry, tags, g, x -> x.freeBuffers().getAsLong());
    BridgeMeter.CAMERA_CONNECTED.gauge(registry, tags, g, x -> bit(x.connected().getAsBoolean()));
    BridgeMeter.LAST_FRAME_AGE.gauge(registry, tags, g, x -> x.lastFrameAgeSeconds().getAsDouble());
    BridgeMeter.ANALYZER_REACHABLE.gauge(
        registry, tags, g, x -> bit(x.analyzerReachable().getAsBoolean()));

    CachedStatistics statistics = new CachedStatistics(g.streamStatistics(), nanoClock);
    BridgeMeter.STREAM_MISSING_PACKETS.functionCounter(
        registry, tags, statistics, s -> s.get().missingPackets());
    BridgeMeter.STREAM_RESENT_PACKETS.functionCounter(
        registry, tags, statistics, s -> s.get().resentPackets());
    BridgeMeter.STREAM_UNDERRUNS.functionCounter(
        registry, tags, statistics, s -> s.get().underruns());
    BridgeMeter.FRAMES_COPIED.functionCounter(registry, tags, g, x -> x.framesCopied().getAsLong());
    BridgeMeter.ANALYZER_RETRIES.functionCounter(
        registry, tags, g, x -> x.analyzerRetries().getAsLong());
  }

  /**
   * Registers one {@link BridgeMeter#CAMERA_FEATURE} gauge per diagnostics feature of a camera;
   * once per camera for the life of the process, like {@link #bindTo}.
   */
  static void bindFeatures(
      MeterRegistry registry, String cameraId, Map<String, DoubleSupplier> features) {
    features.forEach(
        (feature, value) ->
            BridgeMeter.CAMERA_FEATURE.gauge(
                registry,
                MicrometerFrameMetrics.cameraTags(cameraId).and(MeterTags.FEATURE, feature),
                value,
                DoubleSupplier::getAsDouble));
  }

  private static double bit(boolean value) {
    return value ? 1 : 0;
  }

  /** Reads the native statistics at most once per {@link #STATISTICS_MAX_AGE_NANOS}. */
  static final class CachedStatistics {
    private final Supplier<StreamStatistics> source;
    private final LongSupplier nanoClock;
    private StreamStatistics last;
    private long readAtNanos;

    CachedStatistics(Supplier<StreamStatistics> source, LongSupplier nanoClock) {
      this.source = source;
      this.nanoClock = nanoClock;
    }

    synchronized StreamStatistics get() {
      long now = nanoClock.getAsLong();
      if (last == null || now - readAtNanos >= STATISTICS_MAX_AGE_NANOS) {
        StreamStatistics read = source.get();
        last = read != null ? read : StreamStatistics.NONE;
        readAtNanos = now;
      }
      return last;
    }
  }
}
