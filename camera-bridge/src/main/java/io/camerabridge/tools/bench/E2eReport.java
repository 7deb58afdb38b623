package io.camerabridge.tools.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camerabridge.config.OutputType;
import io.camerabridge.metrics.DropReason;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Renders an e2e result as text or as one JSON object. */
final class E2eReport {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Share of the window the JIT may spend compiling before the report calls it still busy. */
  private static final double JIT_BUSY_SHARE = 0.01;

  private static final Map<OutputType, String> BASELINE_NAMES =
      Map.of(OutputType.LINE, "bare GVCP read", OutputType.MQTT, "bare Paho QoS 1");

  private E2eReport() {}

  static String text(E2eResult r) {
    E2eSettings s = r.settings();
    E2eResult.Bridge b = r.bridge();
    E2eResult.Counts c = b.counts();
    TimedPekatClient.Latencies l = b.latencies();
    String rounds = s.rounds() > 1 ? " in " + s.rounds() + " rounds" : "";
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "bench e2e: fake GigE camera %dx%d %s at %s fps, %d-byte packets -> pipeline ->"
                + " in-process simulator (discard), in-flight %d, %d buffers, socket buffer %s%n",
            s.width(),
            s.height(),
            s.format(),
            fmt(s.fps()),
            s.packetBytes(),
            s.inFlight(),
            s.buffers(),
            s.socketBuffer()));
    out.append(
        String.format(
            Locale.ROOT,
            "measured %.1f s%s, each after %d s of warm-up%nmachine: %s; load average at the end"
                + " %s%n%n",
            c.seconds(),
            rounds,
            s.warmup().toSeconds(),
            r.machine().oneLine(),
            r.loadAtEnd()));
    out.append(
        String.format(
            Locale.ROOT,
            "analyzed          %7d frames  %7.2f frames/s%n"
                + "complete          %7d frames  %7.2f frames/s (expected %d at %s fps)%n"
                + "lost camera side  %7d (incomplete %d, never arrived %d; missing packets %d,"
                + " resent %d, underruns %d)%n"
                + "lost bridge side  %7d (dropped %d [%s; the client's own busy answers %d],"
                + " failed %d)%n%n",
            c.analyzed(),
            b.analyzedPerSecond(),
            b.complete(),
            b.completePerSecond(),
            r.expectedFrames(),
            fmt(s.fps()),
            r.lostCameraSide(),
            c.incomplete(),
            r.neverArrived(),
            c.missingPackets(),
            c.resentPackets(),
            c.underruns(),
            r.lostBridgeSide(),
            c.dropped(),
            c.drops().describe(),
            b.busy(),
            c.failed()));
    out.append(
        String.format(
            Locale.ROOT, "%-34s %8s %8s %8s %8s%n", "latency (ms)", "p50", "p99", "p99.9", "max"));
    latencyRow(out, "buffer filled -> body written", l.popToWritten().percentiles());
    latencyRow(out, "buffer filled -> result", l.popToResult().percentiles());
    latencyRow(out, "first packet -> body written", l.leaderToWritten().percentiles());
    if (b.outputs() != null) {
      outputsText(out, b.outputs(), b.baselines());
    }
    out.append(
        String.format(
            Locale.ROOT,
            "%nCPU per analyzed frame %.3f ms (%.3f ms without the simulator's threads, Aravis's receive thread included);"
                + " heap per frame %,.0f B (%,.0f B without the simulator's threads)%n",
            cpuPerFrame(r) * 1e3,
            clientCpuPerFrame(r) * 1e3,
            heapPerFrame(r),
            clientHeapPerFrame(r)));
    jvmText(out, r.bridge().usage());
    if (r.arv() != null) {
      out.append(
          String.format(
              Locale.ROOT,
              "%n%s (same settings, runs alternating with the bridge's):"
                  + " %d complete frames in %d s = %.2f frames/s (failures %d)%n"
                  + "bridge analyzed / arv-camera-test complete: %.3fx%n",
              ArvCameraTestRun.EXECUTABLE,
              r.arv().completed(),
              r.arv().duration().toSeconds(),
              r.arv().completeFramesPerSecond(),
              r.arv().failures(),
              r.ratioToArv()));
    }
    out.append(
        String.format(
            "%n'buffer filled' = the frame thread popped the buffer Aravis completed; 'first"
                + " packet' = Aravis's system timestamp (arrival of the frame's leader).%n"));
    return out.toString();
  }

  private static void outputsText(
      StringBuilder out, OutputSamples o, List<BaselineLoop> baselines) {
    latencyRow(out, "leader -> verdict decided", o.decided());
    for (OutputType t : o.types()) {
      latencyRow(out, "leader -> " + t.configName() + " written", o.written(t));
    }
    out.append(
        String.format(
            Locale.ROOT,
            "%n%-34s %8s %8s %8s %8s%n",
            "added to the verdict (ms)",
            "p50",
            "p99",
            "p99.9",
            "max"));
    for (OutputType t : o.types()) {
      latencyRow(out, t.configName() + ": decided -> written", o.added(t));
      latencyRow(out, "  decided -> its thread starts", o.waited(t));
      latencyRow(out, "  started -> written", o.wrote(t));
      for (BaselineLoop bl : baselines) {
        if (bl.name().equals(t.configName())) {
          latencyRow(out, "  baseline: " + BASELINE_NAMES.get(t), bl.added());
          latencyRow(out, "    hand-over to an idle thread", bl.waited());
          latencyRow(out, "    the bare round trip", bl.wrote());
        }
      }
    }
    if (baselines.isEmpty()) {
      out.append(
          "(no baselines in this run: --baselines adds a bare GVCP read and Paho publish)\n");
    } else {
      out.append(
          String.format(
              Locale.ROOT,
              "(baselines, each on a thread of its own, triggered where the output is: line = one"
                  + " plain GVCP READREG of the same camera from a Java UDP socket; mqtt = a plain"
                  + " Paho client publishing the same size at QoS 1 to the same broker until the"
                  + " PUBACK; triggers missed: %s)%n",
              baselines.stream().map(bl -> bl.name() + " " + bl.missed()).toList()));
    }
    Deliveries d = o.deliveries();
    out.append(
        String.format(
            Locale.ROOT,
            "%noutputs: %d parts decided in the window (%d NG, every third by the simulator);"
                + " delivered = %s%n",
            o.parts(),
            o.ng(),
            String.join(", ", o.types().stream().map(E2eReport::deliveredMeans).toList())));
    for (OutputType t : o.types()) {
      out.append(
          String.format(
              Locale.ROOT,
              "  %-8s expected %6d  lost %d  duplicated %d  out of order %d%n",
              t.configName(),
              d.expected(t),
              d.lost(t),
              d.duplicated(t),
              d.reordered(t)));
    }
    out.append(
        d.exact()
            ? "every output: exactly once, in order\n"
            : "OUTPUTS LOST, DUPLICATED OR OUT OF ORDER\n");
  }

  static ObjectNode json(E2eResult r) {
    E2eSettings s = r.settings();
    E2eResult.Bridge b = r.bridge();
    E2eResult.Counts c = b.counts();
    ObjectNode root = JSON.createObjectNode();
    root.put("width", s.width());
    root.put("height", s.height());
    root.put("format", s.format().name());
    root.put("fps_configured", s.fps());
    root.put("packet_bytes", s.packetBytes());
    root.put("in_flight", s.inFlight());
    root.put("socket_buffer", s.socketBuffer());
    root.put("rounds", s.rounds());
    root.put("machine", r.machine().oneLine());
    root.put("load_average_end", r.loadAtEnd());
    root.put("seconds", c.seconds());
    root.put("frames_analyzed", c.analyzed());
    root.put("fps_analyzed", b.analyzedPerSecond());
    root.put("frames_complete", b.complete());
    root.put("fps_complete", b.completePerSecond());
    root.put("frames_expected", r.expectedFrames());
    ObjectNode camera = root.putObject("lost_camera_side");
    camera.put("total", r.lostCameraSide());
    camera.put("incomplete", c.incomplete());
    camera.put("never_arrived", r.neverArrived());
    camera.put("missing_packets", c.missingPackets());
    camera.put("resent_packets", c.resentPackets());
    camera.put("underruns", c.underruns());
    ObjectNode bridge = root.putObject("lost_bridge_side");
    bridge.put("total", r.lostBridgeSide());
    bridge.put("dropped", c.dropped());
    bridge.put("client_busy", b.busy());
    ObjectNode reasons = bridge.putObject("dropped_by_reason");
    for (DropReason reason : DropReason.values()) {
      reasons.put(reason.tagValue(), c.drops().get(reason));
    }
    bridge.put("failed", c.failed());
    ObjectNode latency = root.putObject("latency_ms");
    latency(
        latency.putObject("buffer_filled_to_body_written"),
        b.latencies().popToWritten().percentiles());
    latency(
        latency.putObject("buffer_filled_to_result"), b.latencies().popToResult().percentiles());
    latency(
        latency.putObject("first_packet_to_body_written"),
        b.latencies().leaderToWritten().percentiles());
    if (b.outputs() != null) {
      outputsJson(root.putObject("outputs"), b.outputs(), b.baselines());
    }
    root.put("cpu_s_per_frame", cpuPerFrame(r));
    root.put("client_cpu_s_per_frame", clientCpuPerFrame(r));
    root.put("heap_bytes_per_frame", heapPerFrame(r));
    root.put("client_heap_bytes_per_frame", clientHeapPerFrame(r));
    ResourceSnapshot.JvmWork jvm = r.bridge().usage().jvm();
    root.put("jit_compile_ms", jvm.jitMillis());
    root.put("gc_collections", jvm.gcCollections());
    root.put("gc_ms", jvm.gcMillis());
    if (r.arv() != null) {
      ObjectNode arv = root.putObject("arv_camera_test");
      arv.put("frames_complete", r.arv().completed());
      arv.put("failures", r.arv().failures());
      arv.put("fps_complete", r.arv().completeFramesPerSecond());
      root.put("ratio_to_arv", r.ratioToArv());
    }
    return root;
  }

  private static void outputsJson(
      ObjectNode outputs, OutputSamples o, List<BaselineLoop> baselines) {
    Deliveries d = o.deliveries();
    outputs.put("parts", o.parts());
    outputs.put("ng", o.ng());
    outputs.put("exact", d.exact());
    latency(outputs.putObject("leader_to_decided_ms"), o.decided());
    for (OutputType t : o.types()) {
      ObjectNode n = outputs.putObject(t.configName());
      latency(n.putObject("leader_to_written_ms"), o.written(t));
      latency(n.putObject("added_ms"), o.added(t));
      latency(n.putObject("decided_to_started_ms"), o.waited(t));
      latency(n.putObject("started_to_written_ms"), o.wrote(t));
      n.put("expected", d.expected(t));
      n.put("lost", d.lost(t));
      n.put("duplicated", d.duplicated(t));
      n.put("out_of_order", d.reordered(t));
    }
    for (BaselineLoop bl : baselines) {
      // Next to the figures of the output it stands for.
      ObjectNode bare = ((ObjectNode) outputs.get(bl.name())).putObject("baseline");
      latency(bare.putObject("added_ms"), bl.added());
      latency(bare.putObject("hand_over_ms"), bl.waited());
      latency(bare.putObject("round_trip_ms"), bl.wrote());
      bare.put("missed", bl.missed());
    }
  }

  /** What counts as delivered for one output type. */
  private static String deliveredMeans(OutputType t) {
    return switch (t) {
      case LINE -> "line: register write acknowledged by the camera";
      case MQTT -> "mqtt: received by a subscriber";
      case WEBHOOK -> "webhook: received by the receiver";
    };
  }

  private static void latency(ObjectNode node, LatencySamples.Percentiles p) {
    node.put("p50", p.p50());
    node.put("p99", p.p99());
    node.put("p999", p.p999());
    node.put("max", p.max());
  }

  private static void latencyRow(StringBuilder out, String name, LatencySamples.Percentiles p) {
    out.append(
        String.format(
            Locale.ROOT,
            "%-34s %8.3f %8.3f %8.3f %8.3f%n",
            name,
            p.p50(),
            p.p99(),
            p.p999(),
            p.max()));
  }

  private static long frames(E2eResult r) {
    return Math.max(1, r.bridge().counts().analyzed());
  }

  /**
   * The JVM's own work in the window, and a warning when the JIT was still busy: its bursts, not
   * the bridge, are then much of the latency tail (docs/benchmarks.md, "The JIT in the window").
   */
  private static void jvmText(StringBuilder out, ResourceSnapshot.Usage u) {
    ResourceSnapshot.JvmWork jvm = u.jvm();
    double share = jvm.jitMillis() * 1e6 / Math.max(1, u.wallNanos());
    out.append(
        String.format(
            Locale.ROOT,
            "JVM in the window: JIT compiling %,d ms (%.1f %% of the window), %d collections, %,d ms"
                + " in the collectors%n",
            jvm.jitMillis(),
            share * 100,
            jvm.gcCollections(),
            jvm.gcMillis()));
    if (share > JIT_BUSY_SHARE) {
      out.append(
          "  the JIT was still compiling: its bursts take a CPU for milliseconds, so p99 and"
              + " above are not the steady state's; a longer --warmup (minutes at 30 fps)"
              + " measures that\n");
    }
  }

  private static double cpuPerFrame(E2eResult r) {
    return r.bridge().usage().processCpuNanos() / 1e9 / frames(r);
  }

  private static double clientCpuPerFrame(E2eResult r) {
    ResourceSnapshot.Usage u = r.bridge().usage();
    return (u.processCpuNanos() - u.serverCpuNanos()) / 1e9 / frames(r);
  }

  private static double heapPerFrame(E2eResult r) {
    return (double) r.bridge().usage().heapBytesAllThreads() / frames(r);
  }

  private static double clientHeapPerFrame(E2eResult r) {
    ResourceSnapshot.Usage u = r.bridge().usage();
    return (double) (u.heapBytesAllThreads() - u.heapBytesServerThreads()) / frames(r);
  }

  static String fmt(double fps) {
    return fps == Math.rint(fps) ? Long.toString((long) fps) : Double.toString(fps);
  }
}
