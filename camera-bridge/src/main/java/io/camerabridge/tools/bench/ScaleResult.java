package io.camerabridge.tools.bench;

import java.util.List;

/** What {@code bench e2e --cameras} measured; {@link ScaleReport} shows it. */
record ScaleResult(E2eSettings settings, List<Step> steps, MachineInfo machine) {

  /** One camera count: the bridge's window and, with --compare-arv, Aravis alone's. */
  record Step(int cameras, Bridge bridge, ArvFleet.Sample arv, String loadAtEnd) {

    /** Frames the cameras should have sent at the configured rate during the window. */
    long expectedFrames(double fps) {
      return Math.round(fps * cameras * bridge.seconds());
    }

    /** Bridge CPU per complete frame ÷ arv-camera-test's CPU per complete frame. */
    double cpuRatioToArv() {
      if (arv == null || arv.frames() == 0 || bridge.complete() == 0) {
        return Double.NaN;
      }
      return bridge.bridgeCpuPerFrameMillis() / arvCpuPerFrameMillis();
    }

    double arvCpuPerFrameMillis() {
      return arv == null || arv.frames() == 0 ? Double.NaN : arv.cpuNanos() / 1e6 / arv.frames();
    }
  }

  /** One camera's window. */
  record Lane(
      String camera,
      E2eResult.Counts counts,
      TimedPekatClient.Latencies latencies,
      long clientFailures) {

    long lostBridgeSide() {
      return counts.dropped() + counts.failed();
    }

    double analyzedPerSecond() {
      return counts.analyzed() / counts.seconds();
    }
  }

  /** All cameras' windows and the process's costs over the same window. */
  record Bridge(List<Lane> lanes, ResourceSnapshot.Usage usage) {

    double seconds() {
      return usage.wallNanos() / 1e9;
    }

    long complete() {
      return lanes.stream().mapToLong(l -> l.counts().acquired() - l.counts().incomplete()).sum();
    }

    long analyzed() {
      return lanes.stream().mapToLong(l -> l.counts().analyzed()).sum();
    }

    long lostBridgeSide() {
      return lanes.stream().mapToLong(Lane::lostBridgeSide).sum();
    }

    long incomplete() {
      return lanes.stream().mapToLong(l -> l.counts().incomplete()).sum();
    }

    /** Process CPU per complete frame, in-process analyzers included. */
    double processCpuPerFrameMillis() {
      return usage.processCpuNanos() / 1e6 / Math.max(1, complete());
    }

    /**
     * Process CPU per complete frame without the in-process analyzers' threads: the bridge's
     * receive (Aravis's native threads), pipeline, client and the JVM's own work (JIT, GC).
     */
    double bridgeCpuPerFrameMillis() {
      return (usage.processCpuNanos() - usage.serverCpuNanos()) / 1e6 / Math.max(1, complete());
    }

    /** CPU per complete frame of the bridge's Java threads alone (frame, client, results). */
    double javaThreadsCpuPerFrameMillis() {
      return (usage.javaThreadsCpuNanos() - usage.serverCpuNanos()) / 1e6 / Math.max(1, complete());
    }

    /** Every camera's latencies in one set. */
    TimedPekatClient.Latencies latencies() {
      TimedPekatClient.Latencies all = TimedPekatClient.Latencies.empty();
      lanes.forEach(l -> all.addAll(l.latencies()));
      return all;
    }
  }
}
