package io.camerabridge.tools.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Renders a {@code bench e2e --cameras} sweep as a table or as one JSON object. */
final class ScaleReport {

  private static final ObjectMapper JSON = new ObjectMapper();

  private ScaleReport() {}

  static String text(ScaleResult r) {
    E2eSettings s = r.settings();
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "bench e2e --cameras: fake GigE cameras %dx%d %s at %s fps each, %d-byte packets,"
                + " one pipeline and one in-process simulator (discard) per camera, in-flight %d%n"
                + "measured %d s per step after %d s of warm-up; machine: %s%n%n",
            s.width(),
            s.height(),
            s.format(),
            E2eReport.fmt(s.fps()),
            s.packetBytes(),
            s.inFlight(),
            s.duration().toSeconds(),
            s.warmup().toSeconds(),
            r.machine().oneLine()));
    out.append(
        String.format(
            Locale.ROOT,
            "%-7s %9s %9s %8s %8s %9s %9s %9s %9s %9s %7s  %s%n",
            "cameras",
            "analyzed/s",
            "expected",
            "lost cam",
            "lost brg",
            "p50 ms",
            "p99 ms",
            "proc ms/f",
            "brg ms/f",
            "arv ms/f",
            "brg/arv",
            "load at end"));
    for (ScaleResult.Step step : r.steps()) {
      ScaleResult.Bridge b = step.bridge();
      LatencySamples.Percentiles p = b.latencies().popToResult().percentiles();
      long expected = step.expectedFrames(s.fps());
      out.append(
          String.format(
              Locale.ROOT,
              "%-7d %9.2f %9d %8d %8d %9.2f %9.2f %9.3f %9.3f %9.3f %7.2f  %s%n",
              step.cameras(),
              b.analyzed() / b.seconds(),
              expected,
              b.incomplete() + Math.max(0, expected - acquired(b)),
              b.lostBridgeSide(),
              p.p50(),
              p.p99(),
              b.processCpuPerFrameMillis(),
              b.bridgeCpuPerFrameMillis(),
              step.arvCpuPerFrameMillis(),
              step.cpuRatioToArv(),
              step.loadAtEnd()));
      for (ScaleResult.Lane lane : b.lanes()) {
        LatencySamples.Percentiles lp = lane.latencies().popToResult().percentiles();
        out.append(
            String.format(
                Locale.ROOT,
                "  %-5s %9.2f %9s %8d %8d %9.2f %9.2f%n",
                lane.camera(),
                lane.analyzedPerSecond(),
                "",
                lane.counts().incomplete(),
                lane.lostBridgeSide(),
                lp.p50(),
                lp.p99()));
      }
    }
    out.append(
        String.format(
            "%nlatency: buffer filled -> result; proc = process CPU per complete frame; brg = the"
                + " same without the simulators' threads (Aravis's receive threads, pipelines,"
                + " client, JIT and GC); arv = %s's CPU per complete frame (from /proc, same"
                + " number of cameras, a window of the same length after the bridge's)%n",
            ArvCameraTestRun.EXECUTABLE));
    return out.toString();
  }

  private static long acquired(ScaleResult.Bridge b) {
    return b.lanes().stream().mapToLong(l -> l.counts().acquired()).sum();
  }

  /**
   * The sweep as two chart panels over the number of cameras: CPU per complete frame (bridge, whole
   * process, and arv-camera-test when compared) and buffer filled → result p50/p99.
   */
  static void chart(ScaleResult r, Path file) throws IOException {
    List<double[]> bridge = new ArrayList<>();
    List<double[]> process = new ArrayList<>();
    List<double[]> arv = new ArrayList<>();
    List<double[]> p50 = new ArrayList<>();
    List<double[]> p99 = new ArrayList<>();
    for (ScaleResult.Step step : r.steps()) {
      ScaleResult.Bridge b = step.bridge();
      double n = step.cameras();
      bridge.add(new double[] {n, b.bridgeCpuPerFrameMillis()});
      process.add(new double[] {n, b.processCpuPerFrameMillis()});
      arv.add(new double[] {n, step.arvCpuPerFrameMillis()});
      LatencySamples.Percentiles p = b.latencies().popToResult().percentiles();
      p50.add(new double[] {n, p.p50()});
      p99.add(new double[] {n, p.p99()});
    }
    List<ChartRenderer.Line> cpu = new ArrayList<>();
    cpu.add(new ChartRenderer.Line("bridge", false, bridge));
    cpu.add(new ChartRenderer.Line("process (with simulators)", true, process));
    if (r.steps().stream().anyMatch(step -> step.arv() != null)) {
      cpu.add(new ChartRenderer.Line(ArvCameraTestRun.EXECUTABLE, false, arv));
    }
    E2eSettings s = r.settings();
    ChartRenderer.write(
        file,
        String.format(
            Locale.ROOT,
            "camera-bridge bench e2e --cameras: %dx%d %s, %s fps per camera, %d-byte packets",
            s.width(),
            s.height(),
            s.format(),
            E2eReport.fmt(s.fps()),
            s.packetBytes()),
        r.machine().oneLine()
            + "; load at the end "
            + r.steps().get(r.steps().size() - 1).loadAtEnd(),
        "cameras",
        new ChartRenderer.Plot("CPU ms per complete frame (lower is better)", cpu),
        new ChartRenderer.Plot(
            "buffer filled -> result ms: p50 solid, p99 dashed",
            List.of(
                new ChartRenderer.Line("bridge", false, p50),
                new ChartRenderer.Line("bridge", true, p99))));
  }

  static ObjectNode json(ScaleResult r) {
    ObjectNode root = JSON.createObjectNode();
    E2eSettings s = r.settings();
    root.put("width", s.width()).put("height", s.height()).put("format", s.format().name());
    root.put("fps_per_camera", s.fps()).put("packet_bytes", s.packetBytes());
    root.put("machine", r.machine().oneLine());
    ArrayNode steps = root.putArray("steps");
    for (ScaleResult.Step step : r.steps()) {
      ScaleResult.Bridge b = step.bridge();
      ObjectNode o = steps.addObject();
      o.put("cameras", step.cameras());
      o.put("seconds", b.seconds());
      o.put("analyzed_per_second", b.analyzed() / b.seconds());
      o.put("expected_frames", step.expectedFrames(s.fps()));
      o.put("complete_frames", b.complete());
      o.put("incomplete_frames", b.incomplete());
      o.put("lost_bridge_side", b.lostBridgeSide());
      LatencySamples.Percentiles p = b.latencies().popToResult().percentiles();
      o.put("latency_p50_ms", p.p50()).put("latency_p99_ms", p.p99());
      o.put("process_cpu_ms_per_frame", b.processCpuPerFrameMillis());
      o.put("bridge_cpu_ms_per_frame", b.bridgeCpuPerFrameMillis());
      o.put("java_threads_cpu_ms_per_frame", b.javaThreadsCpuPerFrameMillis());
      if (step.arv() != null) {
        o.put("arv_frames", step.arv().frames());
        o.put("arv_cpu_ms_per_frame", step.arvCpuPerFrameMillis());
        o.put("bridge_to_arv_cpu_ratio", step.cpuRatioToArv());
      }
      o.put("load_at_end", step.loadAtEnd());
      ArrayNode lanes = o.putArray("cameras_detail");
      for (ScaleResult.Lane lane : b.lanes()) {
        LatencySamples.Percentiles lp = lane.latencies().popToResult().percentiles();
        lanes
            .addObject()
            .put("camera", lane.camera())
            .put("analyzed_per_second", lane.analyzedPerSecond())
            .put("incomplete_frames", lane.counts().incomplete())
            .put("lost_bridge_side", lane.lostBridgeSide())
            .put("latency_p50_ms", lp.p50())
            .put("latency_p99_ms", lp.p99());
      }
    }
    return root;
  }
}
