package io.camerabridge.tools.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Summarises client benchmarks over several frame sizes: a Markdown table for docs/benchmarks.md
 * and the series of the chart.
 */
final class SweepReport {

  private SweepReport() {}

  static String markdown(List<ClientBenchmark.Result> results) {
    StringBuilder out = new StringBuilder();
    out.append(
        "| frame | bytes | target | frames/s | MB/s | p50 ms | p99 ms | p99.9 ms | CPU ms/frame"
            + " (client only) | heap B/frame (client only) | bridge ÷ target frames/s | bridge ÷"
            + " target CPU/frame (client only) | median per-round frames/s ratio |\n");
    out.append("|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (ClientBenchmark.Result result : results) {
      TargetResult bridge = result.bridge();
      for (TargetResult t : result.targets().values()) {
        LatencySamples.Percentiles p = t.latency();
        boolean isBridge = t == bridge;
        out.append(
            String.format(
                Locale.ROOT,
                "| %s | %,d | %s | %.0f | %.0f | %.2f | %.2f | %.2f | %.2f (%.2f) | %,.0f (%,.0f) |"
                    + " %s | %s | %s |%n",
                result.settings().shape(),
                t.bodyBytes(),
                isBridge ? "**bridge**" : t.target(),
                t.framesPerSecond(),
                t.megabytesPerSecond(),
                p.p50(),
                p.p99(),
                p.p999(),
                t.cpuSecondsPerFrame() * 1e3,
                t.clientCpuSecondsPerFrame() * 1e3,
                t.heapBytesPerFrame(),
                t.clientHeapBytesPerFrame(),
                isBridge
                    ? "–"
                    : String.format(
                        Locale.ROOT, "%.2f×", bridge.framesPerSecond() / t.framesPerSecond()),
                isBridge
                    ? "–"
                    : String.format(
                        Locale.ROOT,
                        "%.2f× (%.2f×)",
                        bridge.cpuSecondsPerFrame() / t.cpuSecondsPerFrame(),
                        bridge.clientCpuSecondsPerFrame() / t.clientCpuSecondsPerFrame()),
                isBridge ? "–" : String.format(Locale.ROOT, "%.2f×", bridge.medianRoundRatio(t))));
      }
    }
    return out.toString();
  }

  /** Points per target, in the order of {@code results} (increasing frame size expected). */
  static Map<String, List<ChartRenderer.Point>> chartSeries(List<ClientBenchmark.Result> results) {
    Map<String, List<ChartRenderer.Point>> series = new LinkedHashMap<>();
    for (ClientBenchmark.Result result : results) {
      for (TargetResult t : result.targets().values()) {
        LatencySamples.Percentiles p = t.latency();
        series
            .computeIfAbsent(t.target(), k -> new ArrayList<>())
            .add(
                new ChartRenderer.Point(
                    t.bodyBytes() / 1e6, t.megabytesPerSecond(), p.p50(), p.p99()));
      }
    }
    return series;
  }
}
