package io.camerabridge.tools.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.Map;

/** Renders a client benchmark result as a text table or as one JSON object. */
final class ClientBenchReport {

  private static final ObjectMapper JSON = new ObjectMapper();

  private ClientBenchReport() {}

  static String text(ClientBenchmark.Result result) {
    ClientBenchmark.Settings s = result.settings();
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "bench client: %s (%,d B/frame), in-flight %d, analyzer: %s%n"
                + "%d round(s) x up to %d frames or %s per target, %d warm-up frames each,"
                + " %d native frames in the pool%n"
                + "machine: %s; load average at the end %s%n%n",
            s.shape(),
            s.shape().bodyBytes(),
            s.inFlight(),
            result.analyzer(),
            s.rounds(),
            s.frames(),
            s.limit(),
            s.warmupFrames(),
            s.poolFrames(),
            result.machine().oneLine(),
            result.loadAtEnd()));
    out.append(
        String.format(
            Locale.ROOT,
            "%-7s %8s %9s %8s %8s %8s %8s %10s %10s %10s %10s%n",
            "target",
            "frames",
            "frames/s",
            "MB/s",
            "p50 ms",
            "p99 ms",
            "p999 ms",
            "CPU ms/fr",
            "cli CPU",
            "heap B/fr",
            "cli heap"));
    for (TargetResult t : result.targets().values()) {
      LatencySamples.Percentiles p = t.latency();
      out.append(
          String.format(
              Locale.ROOT,
              "%-7s %8d %9.1f %8.1f %8.3f %8.3f %8.3f %10.3f %10.3f %10.0f %10.0f%n",
              t.target(),
              t.frames(),
              t.framesPerSecond(),
              t.megabytesPerSecond(),
              p.p50(),
              p.p99(),
              p.p999(),
              t.cpuSecondsPerFrame() * 1e3,
              t.clientCpuSecondsPerFrame() * 1e3,
              t.heapBytesPerFrame(),
              t.clientHeapBytesPerFrame()));
    }
    TargetResult bridge = result.bridge();
    for (TargetResult baseline : baselines(result)) {
      out.append(
          String.format(
              Locale.ROOT,
              "%nbridge / %s: frames/s %.2fx (median of per-round ratios %.2fx), CPU per frame"
                  + " %.2fx (client threads only %.2fx)",
              baseline.target(),
              bridge.framesPerSecond() / baseline.framesPerSecond(),
              bridge.medianRoundRatio(baseline),
              bridge.cpuSecondsPerFrame() / baseline.cpuSecondsPerFrame(),
              bridge.clientCpuSecondsPerFrame() / baseline.clientCpuSecondsPerFrame()));
    }
    out.append(
        String.format(
            "%n%nCPU = process CPU time; 'cli CPU' = CPU time of the Java threads other than the"
                + " in-process analyzer's (JIT and GC excluded);%n'cli heap' = heap allocated by"
                + " all threads except the analyzer's; heap is summed over all JVM threads.%n"));
    return out.toString();
  }

  static ObjectNode json(ClientBenchmark.Result result) {
    ClientBenchmark.Settings s = result.settings();
    ObjectNode root = JSON.createObjectNode();
    root.put("analyzer", result.analyzer());
    root.put("machine", result.machine().oneLine());
    root.put("load_average_end", result.loadAtEnd());
    root.put("width", s.shape().width());
    root.put("height", s.shape().height());
    root.put("format", s.shape().format().name());
    root.put("frame_bytes", s.shape().bodyBytes());
    root.put("in_flight", s.inFlight());
    root.put("rounds", s.rounds());
    putFigures(root, result.bridge());
    if (!s.baselines().isEmpty()) {
      ObjectNode baselines = root.putObject("baselines");
      ObjectNode ratios = root.putObject("ratios");
      for (TargetResult baseline : baselines(result)) {
        putFigures(baselines.putObject(baseline.target()), baseline);
        ObjectNode ratio = ratios.putObject(baseline.target());
        ratio.put("frames_per_s", result.bridge().framesPerSecond() / baseline.framesPerSecond());
        ratio.put("frames_per_s_median_of_rounds", result.bridge().medianRoundRatio(baseline));
        ratio.put(
            "cpu_s_per_frame",
            result.bridge().cpuSecondsPerFrame() / baseline.cpuSecondsPerFrame());
        ratio.put(
            "client_cpu_s_per_frame",
            result.bridge().clientCpuSecondsPerFrame() / baseline.clientCpuSecondsPerFrame());
      }
    }
    return root;
  }

  private static void putFigures(ObjectNode node, TargetResult t) {
    LatencySamples.Percentiles p = t.latency();
    node.put("frames", t.frames());
    node.put("seconds", t.seconds());
    node.put("frames_per_s", t.framesPerSecond());
    node.put("mb_per_s", t.megabytesPerSecond());
    ObjectNode latency = node.putObject("latency_ms");
    latency.put("p50", p.p50());
    latency.put("p99", p.p99());
    latency.put("p999", p.p999());
    latency.put("max", p.max());
    node.put("cpu_s_per_frame", t.cpuSecondsPerFrame());
    node.put("client_cpu_s_per_frame", t.clientCpuSecondsPerFrame());
    node.put("jvm_cpu_s_per_frame", t.jvmCpuSecondsPerFrame());
    node.put("heap_bytes_per_frame", t.heapBytesPerFrame());
    node.put("client_heap_bytes_per_frame", t.clientHeapBytesPerFrame());
    t.roundFramesPerSecond().forEach(node.putArray("round_frames_per_s")::add);
  }

  private static Iterable<TargetResult> baselines(ClientBenchmark.Result result) {
    return result.targets().entrySet().stream()
        .filter(e -> !e.getKey().equals(ClientBenchmark.BRIDGE))
        .map(Map.Entry::getValue)
        .toList();
  }
}
