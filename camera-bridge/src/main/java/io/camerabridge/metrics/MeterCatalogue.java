package io.camerabridge.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.prometheusmetrics.PrometheusNamingConvention;
import java.util.stream.Collectors;

/**
 * Renders {@link BridgeMeter} as the Markdown table in {@code docs/metrics.md}; a test fails when
 * the document and this rendering differ.
 */
public final class MeterCatalogue {

  /** The line that opens the generated table in docs/metrics.md. */
  public static final String BEGIN_MARKER =
      "<!-- BEGIN GENERATED: rendered from BridgeMeter and PlcMeter by MeterCatalogue; do not edit -->";

  /** The line that closes the generated table in docs/metrics.md. */
  public static final String END_MARKER = "<!-- END GENERATED -->";

  private MeterCatalogue() {}

  /** The table, one row per meter, without the markers. */
  public static String renderTable() {
    StringBuilder out = new StringBuilder();
    out.append("| Prometheus name | Type | Unit | Labels | Description |\n");
    out.append("|---|---|---|---|---|\n");
    for (MeterSpec meter : MeterSpec.all()) {
      out.append("| `")
          .append(prometheusName(meter))
          .append("` | ")
          .append(typeName(meter.type()))
          .append(" | ")
          .append(meter.unit())
          .append(" | ")
          .append(
              meter.tagKeys().stream().map(k -> "`" + k + "`").collect(Collectors.joining(", ")))
          .append(" | ")
          .append(meter.description())
          .append(" |\n");
    }
    return out.toString();
  }

  /**
   * The name a Prometheus query uses: counters end in {@code _total}; timers and summaries are
   * histograms ({@code _bucket}, {@code _count}, {@code _sum}) with a {@code _max} gauge beside.
   */
  public static String prometheusName(MeterSpec meter) {
    String name =
        new PrometheusNamingConvention().name(meter.meterName(), meter.type(), meter.baseUnit());
    return meter.type() == Meter.Type.COUNTER ? name + "_total" : name;
  }

  private static String typeName(Meter.Type type) {
    switch (type) {
      case TIMER:
        return "histogram (timer)";
      case DISTRIBUTION_SUMMARY:
        return "histogram (summary)";
      case COUNTER:
        return "counter";
      case GAUGE:
        return "gauge";
      default:
        return type.name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
