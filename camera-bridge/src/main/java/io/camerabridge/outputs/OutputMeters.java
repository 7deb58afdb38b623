package io.camerabridge.outputs;

import io.camerabridge.config.OutputType;
import io.camerabridge.metrics.BridgeMeter;
import io.camerabridge.metrics.MeterTags;
import io.camerabridge.ops.DeliveryState;
import io.camerabridge.ops.OutputHealth;
import io.camerabridge.outcome.PartOutcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * The meters of one output (fired, failed and dropped outcomes, its latency, its queue) and, from
 * the same events, whether it delivers ({@link #health}).
 */
public final class OutputMeters {

  private final Counter fired;
  private final Counter failed;
  private final Counter dropped;
  private final Timer latency;
  private final String output;
  private final OutputType type;
  private volatile WriteObserver observer = WriteObserver.NONE;
  private final DeliveryState delivery = new DeliveryState();

  OutputMeters(
      MeterRegistry registry, String camera, String output, OutputType type, IntSupplier queued) {
    this.output = output;
    this.type = type;
    Tags tags = Tags.of(MeterTags.CAMERA, camera, MeterTags.OUTPUT, output);
    fired = BridgeMeter.OUTPUTS.counter(registry, tags.and(MeterTags.RESULT, "fired"));
    failed = BridgeMeter.OUTPUTS.counter(registry, tags.and(MeterTags.RESULT, "failed"));
    dropped = BridgeMeter.OUTPUTS.counter(registry, tags.and(MeterTags.RESULT, "dropped"));
    latency = BridgeMeter.OUTPUT_LATENCY.timer(registry, tags);
    BridgeMeter.OUTPUT_QUEUE.gauge(registry, tags, queued, q -> q.getAsInt());
  }

  /**
   * The part's outcome was written.
   *
   * @param startedEpochNanos when the output's thread began this write ({@link #epochNanosNow})
   */
  void fired(PartOutcome part, long startedEpochNanos) {
    long nanos = Math.max(0, epochNanosNow() - part.filledEpochNanos());
    fired.increment();
    delivery.delivered();
    latency.record(nanos, TimeUnit.NANOSECONDS);
    observer.written(
        output, type, part, Math.max(0, startedEpochNanos - part.filledEpochNanos()), nanos);
  }

  void observe(WriteObserver observer) {
    this.observer = observer;
  }

  void failed() {
    failed.increment();
    delivery.undelivered();
  }

  void dropped() {
    dropped.increment();
    delivery.undelivered();
  }

  /** Delivering, or for how long and how many outcomes in a row were not. */
  OutputHealth health() {
    return delivery.health(output, type.configName(), "outcome(s)");
  }

  static long epochNanosNow() {
    Instant now = Instant.now();
    return now.getEpochSecond() * 1_000_000_000L + now.getNano();
  }
}
