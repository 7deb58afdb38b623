package io.camerabridge.outputs;

import io.camerabridge.metrics.BridgeMeter;
import io.camerabridge.metrics.MeterTags;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/** The meters of one output: fired, failed and dropped outcomes, its latency, its queue. */
public final class OutputMeters {
  private final Counter fired;
  private final Counter failed;
  private final Counter dropped;
  private final Timer latency;

  OutputMeters(MeterRegistry registry, String camera, String output, IntSupplier queued) {
    Tags tags = Tags.of(MeterTags.CAMERA, camera, MeterTags.OUTPUT, output);
    fired = BridgeMeter.OUTPUTS.counter(registry, tags.and(MeterTags.RESULT, "fired"));
    failed = BridgeMeter.OUTPUTS.counter(registry, tags.and(MeterTags.RESULT, "failed"));
    dropped = BridgeMeter.OUTPUTS.counter(registry, tags.and(MeterTags.RESULT, "dropped"));
    latency = BridgeMeter.OUTPUT_LATENCY.timer(registry, tags);
    BridgeMeter.OUTPUT_QUEUE.gauge(registry, tags, queued, q -> q.getAsInt());
  }

  /** Written; {@code filledEpochNanos} is when the part's buffer was filled. */
  void fired(long filledEpochNanos) {
    fired.increment();
    latency.record(Math.max(0, epochNanosNow() - filledEpochNanos), TimeUnit.NANOSECONDS);
  }

  void failed() {
    failed.increment();
  }

  void dropped() {
    dropped.increment();
  }

  long firedCount() {
    return (long) fired.count();
  }

  static long epochNanosNow() {
    Instant now = Instant.now();
    return now.getEpochSecond() * 1_000_000_000L + now.getNano();
  }
}
