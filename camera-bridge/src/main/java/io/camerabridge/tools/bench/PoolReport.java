package io.camerabridge.tools.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;

/** Renders a {@code bench e2e --analyzers K} result as text or as one JSON object. */
final class PoolReport {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The re-admission target, from answering {@code /ping} to ready. */
  static final long READMIT_TARGET_MILLIS = 2000;

  private PoolReport() {}

  static String text(PoolResult r) {
    E2eSettings s = r.settings();
    E2eResult.Counts c = r.window();
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "bench e2e --analyzers %d: fake GigE camera %dx%d %s at %s fps -> pipeline"
                + " (pekat.urls, maxInFlight %d each, busyWait %d ms) -> %s%n",
            r.pool().analyzers(),
            s.width(),
            s.height(),
            s.format(),
            E2eReport.fmt(s.fps()),
            s.inFlight(),
            r.busyWait().toMillis(),
            r.analyzers()));
    out.append(
        String.format(
            Locale.ROOT,
            "measured %.1f s after %d s of warm-up%nmachine: %s; load average at the end %s%n%n",
            c.seconds(),
            s.warmup().toSeconds(),
            r.machine().oneLine(),
            r.loadAtEnd()));
    for (PoolResult.InstanceRate i : r.perInstance()) {
      out.append(
          String.format(
              Locale.ROOT,
              "analysed at %-21s %7d frames  %7.2f frames/s%n",
              i.analyzer(),
              i.analysed(),
              i.perSecond()));
    }
    out.append(
        String.format(
            Locale.ROOT,
            "analysed in total %7d frames  %7.2f frames/s  (target >= %.2f = 0.95 x min(%d x %.0f,"
                + " %s): %s)%n"
                + "dropped %d [%s], failed %d, acquired %d%n",
            c.analyzed(),
            r.totalPerSecond(),
            r.target(),
            r.pool().analyzers(),
            1000.0 / r.pool().analysisLatency().toMillis(),
            E2eReport.fmt(s.fps()),
            r.totalPerSecond() >= r.target() ? "met" : "NOT met",
            c.dropped(),
            c.drops().describe(),
            c.failed(),
            c.acquired()));
    if (r.failover() != null) {
      failoverText(out, r.failover());
    }
    return out.toString();
  }

  private static void failoverText(StringBuilder out, PoolResult.Failover f) {
    out.append(
        String.format(
            Locale.ROOT,
            "%nfailover: %s killed with %d request(s) in flight, dead for %.1f s%n"
                + "  frames lost (failed, not re-sent) %d: %s; failed at it %d, failed anywhere %d%n"
                + "  survivors meanwhile %.2f frames/s%n"
                + "  restarted: ready %d ms after answering /ping (target <= %d ms: %s)%n",
            f.killed(),
            f.inFlightAtKill(),
            f.outageSeconds(),
            f.lostByPool(),
            f.lostByPool() <= f.inFlightAtKill()
                ? "only those in flight"
                : "more than those in flight (a frame that found its port refused while every"
                    + " other instance was busy)",
            f.failedAtDead(),
            f.failedOverall(),
            f.survivorPerSecond(),
            f.pingToReadyMillis(),
            READMIT_TARGET_MILLIS,
            f.pingToReadyMillis() >= 0 && f.pingToReadyMillis() <= READMIT_TARGET_MILLIS
                ? "met"
                : "NOT met"));
  }

  static ObjectNode json(PoolResult r) {
    ObjectNode root = JSON.createObjectNode();
    root.put("analyzers", r.pool().analyzers());
    root.put("analysisLatencyMs", r.pool().analysisLatency().toMillis());
    root.put("fps", r.settings().fps());
    root.put("busyWaitMs", r.busyWait().toMillis());
    root.put("seconds", r.window().seconds());
    root.put("analysedPerSecond", r.totalPerSecond());
    root.put("target", r.target());
    root.put("dropped", r.window().dropped());
    root.put("failed", r.window().failed());
    var per = root.putArray("perInstance");
    for (PoolResult.InstanceRate i : r.perInstance()) {
      per.addObject()
          .put("analyzer", i.analyzer())
          .put("analysed", i.analysed())
          .put("perSecond", i.perSecond());
    }
    PoolResult.Failover f = r.failover();
    if (f != null) {
      root.putObject("failover")
          .put("killed", f.killed())
          .put("inFlightAtKill", f.inFlightAtKill())
          .put("failedAtDead", f.failedAtDead())
          .put("lostByPool", f.lostByPool())
          .put("failedOverall", f.failedOverall())
          .put("survivorPerSecond", f.survivorPerSecond())
          .put("outageSeconds", f.outageSeconds())
          .put("pingToReadyMs", f.pingToReadyMillis());
    }
    root.put("machine", r.machine().oneLine());
    root.put("loadAtEnd", r.loadAtEnd());
    return root;
  }
}
