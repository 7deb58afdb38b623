package io.camerabridge.tools.demo;

import io.camerabridge.pipeline.CameraPipeline;
import io.camerabridge.pipeline.PipelineStats;
import java.io.PrintWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** One line per camera per tick: state, frame rate, latency percentiles, verdicts, losses. */
final class StatusPrinter {
  private final PrintWriter out;
  private final List<CameraPipeline> pipelines;
  private final Map<String, PipelineStats.Snapshot> previous = new HashMap<>();
  private long previousNanos = System.nanoTime();

  StatusPrinter(PrintWriter out, List<CameraPipeline> pipelines) {
    this.out = out;
    this.pipelines = pipelines;
  }

  void tick() {
    long now = System.nanoTime();
    double seconds = Math.max(1e-3, (now - previousNanos) / 1e9);
    previousNanos = now;
    for (CameraPipeline p : pipelines) {
      PipelineStats.Snapshot s = p.stats().snapshot();
      PipelineStats.Snapshot before = previous.put(p.id(), s);
      long frames = s.acquired() - (before == null ? 0 : before.acquired());
      out.println(line(p, s, frames / seconds));
    }
    out.flush();
  }

  static String line(CameraPipeline p, PipelineStats.Snapshot s, double fps) {
    return String.format(
        Locale.ROOT,
        "%-8s %-12s %5.1f fps  latency p50 %s p99 %s  OK %d  NG %d  failed %d  dropped %d"
            + "  incomplete %d",
        p.id(),
        p.state().label(),
        fps,
        millis(s.p50Millis()),
        millis(s.p99Millis()),
        s.ok(),
        s.ng(),
        s.failed(),
        s.dropped(),
        s.incomplete());
  }

  private static String millis(double ms) {
    return Double.isNaN(ms) ? "    - " : String.format(Locale.ROOT, "%5.1f ms", ms);
  }
}
