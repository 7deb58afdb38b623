package io.camerabridge.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;

/**
 * A meter of the catalogue ({@link BridgeMeter}, {@link PlcMeter}): its facts and the only way to
 * register it, which checks the tag keys, so the catalogue, the code and {@code docs/metrics.md}
 * (rendered by {@link MeterCatalogue}) cannot drift apart.
 */
public interface MeterSpec {
  /** Units Micrometer treats as base units; the others are only what one count means. */
  Set<String> BASE_UNITS = Set.of("seconds", "bytes");

  /** Every meter camera-bridge publishes, in catalogue order. */
  static List<MeterSpec> all() {
    return Stream.<MeterSpec[]>of(BridgeMeter.values(), PlcMeter.values())
        .flatMap(Stream::of)
        .toList();
  }

  MeterInfo info();

  /** The constant's name, as an enum gives it. */
  String name();

  /** Micrometer's dotted name, e.g. {@code camerabridge.frame.wait}. */
  default String meterName() {
    return info().meterName();
  }

  default Meter.Type type() {
    return info().type();
  }

  /** What one unit of the value is, e.g. {@code seconds}, {@code frames}, {@code boolean}. */
  default String unit() {
    return info().unit();
  }

  /** The Micrometer base unit ({@code seconds} or {@code bytes}), or null for plain counts. */
  default String baseUnit() {
    return BASE_UNITS.contains(unit()) ? unit() : null;
  }

  default String description() {
    return info().description();
  }

  /** Tag keys in declaration order; every registration must carry exactly these keys. */
  default List<String> tagKeys() {
    return info().tagKeys();
  }

  /** A timer's expected range {min, max} for its percentile histogram. */
  default Duration[] expectedRange() {
    throw new IllegalStateException(name() + " is not a timer");
  }

  /** A distribution summary's bucket boundaries. */
  default double[] summaryBuckets() {
    throw new IllegalStateException(name() + " is not a distribution summary");
  }

  /** Registers (or finds) this timer with a percentile histogram in its expected range. */
  default Timer timer(MeterRegistry registry, Tags tags) {
    requireType(Meter.Type.TIMER);
    Duration[] range = expectedRange();
    return Timer.builder(meterName())
        .description(description())
        .tags(checked(tags))
        .publishPercentileHistogram()
        .minimumExpectedValue(range[0])
        .maximumExpectedValue(range[1])
        .register(registry);
  }

  /** Registers (or finds) this distribution summary with its bucket boundaries. */
  default DistributionSummary summary(MeterRegistry registry, Tags tags) {
    requireType(Meter.Type.DISTRIBUTION_SUMMARY);
    return DistributionSummary.builder(meterName())
        .description(description())
        .baseUnit(baseUnit())
        .tags(checked(tags))
        .serviceLevelObjectives(summaryBuckets())
        .register(registry);
  }

  /** Registers (or finds) this counter. */
  default Counter counter(MeterRegistry registry, Tags tags) {
    requireType(Meter.Type.COUNTER);
    return Counter.builder(meterName())
        .description(description())
        .baseUnit(baseUnit())
        .tags(checked(tags))
        .register(registry);
  }

  /**
   * Registers (or finds) this counter as a view of a monotonic count kept elsewhere (e.g. Aravis's
   * stream statistics), read when the registry is scraped. The registry holds {@code state}
   * strongly.
   */
  default <T> FunctionCounter functionCounter(
      MeterRegistry registry, Tags tags, T state, ToDoubleFunction<T> count) {
    requireType(Meter.Type.COUNTER);
    // Micrometer holds a function counter's state weakly and, once it is collected, reports the
    // last value it happened to read (0 if never scraped). The function below captures the state,
    // so the registry holds it strongly, as it does for gauges: a stopped camera's counts stay.
    return FunctionCounter.builder(meterName(), state, s -> count.applyAsDouble(state))
        .description(description())
        .baseUnit(baseUnit())
        .tags(checked(tags))
        .register(registry);
  }

  /**
   * Registers (or finds) this gauge. The registry holds {@code state} strongly, so a gauge never
   * silently turns into NaN because its state object was garbage collected.
   */
  default <T> Gauge gauge(MeterRegistry registry, Tags tags, T state, ToDoubleFunction<T> value) {
    requireType(Meter.Type.GAUGE);
    return Gauge.builder(meterName(), state, value)
        .description(description())
        .baseUnit(baseUnit())
        .tags(checked(tags))
        .strongReference(true)
        .register(registry);
  }

  private void requireType(Meter.Type expected) {
    if (type() != expected) {
      throw new IllegalStateException(name() + " is a " + type() + ", not a " + expected);
    }
  }

  private Tags checked(Tags tags) {
    Set<String> keys = new TreeSet<>();
    for (Tag tag : tags) {
      keys.add(tag.getKey());
    }
    if (!keys.equals(new TreeSet<>(tagKeys()))) {
      throw new IllegalArgumentException(
          meterName() + " takes tags " + tagKeys() + " but was given " + keys);
    }
    return tags;
  }
}
