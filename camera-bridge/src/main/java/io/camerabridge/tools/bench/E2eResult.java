package io.camerabridge.tools.bench;

import java.util.List;

/** What {@code bench e2e} measured; see {@link E2eReport} for how it is shown. */
record E2eResult(
    E2eSettings settings,
    Bridge bridge,
    ArvCameraTestRun.Statistics arv,
    MachineInfo machine,
    String loadAtEnd) {

  /** Pipeline and stream counters at one instant, or the difference of two. */
  record Counts(
      long nanos,
      long acquired,
      long incomplete,
      long sent,
      long analyzed,
      long failed,
      long dropped,
      long missingPackets,
      long resentPackets,
      long underruns,
      DropTally drops) {

    Counts plus(Counts o) {
      return new Counts(
          nanos + o.nanos,
          acquired + o.acquired,
          incomplete + o.incomplete,
          sent + o.sent,
          analyzed + o.analyzed,
          failed + o.failed,
          dropped + o.dropped,
          missingPackets + o.missingPackets,
          resentPackets + o.resentPackets,
          underruns + o.underruns,
          drops.plus(o.drops));
    }

    Counts minus(Counts o) {
      return new Counts(
          nanos - o.nanos,
          acquired - o.acquired,
          incomplete - o.incomplete,
          sent - o.sent,
          analyzed - o.analyzed,
          failed - o.failed,
          dropped - o.dropped,
          missingPackets - o.missingPackets,
          resentPackets - o.resentPackets,
          underruns - o.underruns,
          drops.minus(o.drops));
    }

    double seconds() {
      return nanos / 1e9;
    }
  }

  /** The bridge's measured windows, summed over rounds. */
  record Bridge(
      Counts counts,
      ResourceSnapshot.Usage usage,
      TimedPekatClient.Latencies latencies,
      long busy,
      long clientFailures,
      OutputSamples outputs,
      List<BaselineLoop> baselines) {

    /** Sums two rounds; output samples are those of the last round that had them. */
    Bridge plus(Bridge o) {
      TimedPekatClient.Latencies merged = TimedPekatClient.Latencies.empty();
      merged.addAll(latencies);
      merged.addAll(o.latencies);
      return new Bridge(
          counts.plus(o.counts),
          usage.plus(o.usage),
          merged,
          busy + o.busy,
          clientFailures + o.clientFailures,
          o.outputs != null ? o.outputs : outputs,
          o.outputs != null ? o.baselines : baselines);
    }

    double analyzedPerSecond() {
      return counts.analyzed() / counts.seconds();
    }

    long complete() {
      return counts.acquired() - counts.incomplete();
    }

    double completePerSecond() {
      return complete() / counts.seconds();
    }
  }

  /** Frames the camera should have sent at the configured rate during the window. */
  long expectedFrames() {
    return Math.round(settings.fps() * bridge.counts().seconds());
  }

  /** Frames that never arrived at all (fewer acquired than the configured rate implies). */
  long neverArrived() {
    return Math.max(0, expectedFrames() - bridge.counts().acquired());
  }

  /** Frames lost on the camera side: arrived incomplete, or never arrived. */
  long lostCameraSide() {
    return bridge.counts().incomplete() + neverArrived();
  }

  /** Complete frames the bridge did not get analysed: dropped (busy, analyzer down) or failed. */
  long lostBridgeSide() {
    return bridge.counts().dropped() + bridge.counts().failed();
  }

  /** Whether every output delivered every part exactly once, in order (true without outputs). */
  boolean outputsExact() {
    return bridge.outputs() == null || bridge.outputs().deliveries().exact();
  }

  /** Analysed frames per second of the bridge divided by complete frames per second of Aravis. */
  double ratioToArv() {
    return arv == null ? Double.NaN : bridge.analyzedPerSecond() / arv.completeFramesPerSecond();
  }
}
