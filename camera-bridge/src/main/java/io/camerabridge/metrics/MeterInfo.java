package io.camerabridge.metrics;

import io.micrometer.core.instrument.Meter;
import java.util.List;

/**
 * One catalogue entry's facts.
 *
 * @param meterName Micrometer's dotted name, e.g. {@code camerabridge.frame.wait}
 * @param type the meter's type
 * @param unit what one unit of the value is, e.g. {@code seconds}, {@code frames}, {@code boolean}
 * @param description one line for {@code docs/metrics.md} and the scrape's HELP
 * @param tagKeys tag keys in declaration order; every registration must carry exactly these
 */
public record MeterInfo(
    String meterName, Meter.Type type, String unit, String description, List<String> tagKeys) {
  public MeterInfo {
    tagKeys = List.copyOf(tagKeys);
  }
}
