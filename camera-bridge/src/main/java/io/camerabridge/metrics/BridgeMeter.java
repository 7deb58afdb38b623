package io.camerabridge.metrics;

import io.micrometer.core.instrument.Meter;
import java.time.Duration;
import java.util.List;

/**
 * The catalogue of the meters of the frame path, the cameras, the analyzers, the results and the
 * outputs: name, type, unit, tag keys and a one-line description ({@link PlcMeter} holds the PLC
 * servers'). All are registered through {@link MeterSpec}, which checks the tag keys, so the
 * catalogue, the code and {@code docs/metrics.md} (rendered by {@link MeterCatalogue}) cannot drift
 * apart.
 */
public enum BridgeMeter implements MeterSpec {
  FRAME_WAIT(
      "camerabridge.frame.wait",
      Meter.Type.TIMER,
      "seconds",
      "Time from Aravis filling a buffer (its system timestamp) to camera-bridge popping it, in"
          + " seconds.",
      MeterTags.CAMERA),
  UPLOAD(
      "camerabridge.frame.upload",
      Meter.Type.TIMER,
      "seconds",
      "Time from the first to the last request byte written to the analyzer, in seconds.",
      MeterTags.CAMERA,
      MeterTags.OUTCOME),
  ANALYSIS(
      "camerabridge.frame.analysis",
      Meter.Type.TIMER,
      "seconds",
      "Time from the last request byte written to the complete analyzer response, in seconds.",
      MeterTags.CAMERA,
      MeterTags.OUTCOME),
  END_TO_END(
      "camerabridge.frame.end.to.end",
      Meter.Type.TIMER,
      "seconds",
      "Time from Aravis filling a buffer to the analyzer's result being handled, in seconds.",
      MeterTags.CAMERA,
      MeterTags.OUTCOME),
  FRAME_SIZE(
      "camerabridge.frame.size",
      Meter.Type.DISTRIBUTION_SUMMARY,
      "bytes",
      "Size of each acquired frame's payload, in bytes.",
      MeterTags.CAMERA),
  FRAMES_ACQUIRED(
      "camerabridge.frames.acquired",
      Meter.Type.COUNTER,
      "frames",
      "Frames popped from the camera's stream, complete or not, in frames.",
      MeterTags.CAMERA),
  FRAMES_INCOMPLETE(
      "camerabridge.frames.incomplete",
      Meter.Type.COUNTER,
      "frames",
      "Frames Aravis delivered with a status other than success, by that status, in frames.",
      MeterTags.CAMERA,
      MeterTags.STATUS),
  FRAMES_DROPPED(
      "camerabridge.frames.dropped",
      Meter.Type.COUNTER,
      "frames",
      "Frames given back to the camera without analysis, by reason, in frames.",
      MeterTags.CAMERA,
      MeterTags.REASON),
  RESULTS(
      "camerabridge.results",
      Meter.Type.COUNTER,
      "exchanges",
      "Finished exchanges with the analyzer, by outcome (ok, ng or the failure), in exchanges.",
      MeterTags.CAMERA,
      MeterTags.OUTCOME),
  CAMERA_RECONNECTS(
      "camerabridge.camera.reconnects",
      Meter.Type.COUNTER,
      "reconnects",
      "Times the camera was lost and opened again, in reconnects.",
      MeterTags.CAMERA),
  CAMERA_RECONFIGURATIONS(
      "camerabridge.camera.reconfigurations",
      Meter.Type.COUNTER,
      "reconfigurations",
      "Times the camera's configuration was applied again because the camera drifted from it (its"
          + " frames came in another pixel format than configured, e.g. changed by another tool),"
          + " in reconfigurations.",
      MeterTags.CAMERA),
  WRITE_FAILURES(
      "camerabridge.write.failures",
      Meter.Type.COUNTER,
      "writes",
      "Failed writes of the results journal or of saved NG images, in writes.",
      MeterTags.CAMERA,
      MeterTags.TARGET),
  JOURNAL_REOPENS(
      "camerabridge.journal.reopens",
      Meter.Type.COUNTER,
      "reopens",
      "Times the results journal was found deleted or moved while open and was opened again, in"
          + " reopens.",
      MeterTags.CAMERA),
  STREAM_MISSING_PACKETS(
      "camerabridge.stream.missing.packets",
      Meter.Type.COUNTER,
      "packets",
      "GigE Vision stream packets Aravis never received, even after resend requests, in packets.",
      MeterTags.CAMERA),
  STREAM_RESENT_PACKETS(
      "camerabridge.stream.resent.packets",
      Meter.Type.COUNTER,
      "packets",
      "GigE Vision stream packets Aravis had to ask the camera to resend, in packets.",
      MeterTags.CAMERA),
  STREAM_UNDERRUNS(
      "camerabridge.stream.underruns",
      Meter.Type.COUNTER,
      "frames",
      "Frames the camera sent while no free buffer was queued (Aravis underruns), in frames.",
      MeterTags.CAMERA),
  FRAMES_COPIED(
      "camerabridge.frames.copied",
      Meter.Type.COUNTER,
      "frames",
      "Frames copied before sending (padded rows compacted, RGB8 swapped to BGR), in frames.",
      MeterTags.CAMERA),
  CHUNKS_MISSING(
      "camerabridge.chunks.missing",
      Meter.Type.COUNTER,
      "values",
      "Configured chunk values a complete frame did not carry (left out of its journal line and"
          + " payload), in values.",
      MeterTags.CAMERA),
  FRAMES_IN_FLIGHT(
      "camerabridge.frames.in.flight",
      Meter.Type.GAUGE,
      "frames",
      "Frames popped and not yet given back to the camera, in frames.",
      MeterTags.CAMERA),
  FREE_BUFFERS(
      "camerabridge.buffers.free",
      Meter.Type.GAUGE,
      "buffers",
      "Buffers queued in the camera's stream, ready to be filled, in buffers.",
      MeterTags.CAMERA),
  CAMERA_CONNECTED(
      "camerabridge.camera.connected",
      Meter.Type.GAUGE,
      "boolean",
      "1 while the camera is open and acquiring, else 0 (boolean).",
      MeterTags.CAMERA),
  CAMERA_MISCONFIGURED(
      "camerabridge.camera.misconfigured",
      Meter.Type.GAUGE,
      "boolean",
      "1 while the camera refuses its configuration (state misconfigured: an unknown feature, a"
          + " value out of range, an ambiguous selector, a region outside the sensor; /health"
          + " says which), else 0 (boolean).",
      MeterTags.CAMERA),
  CAMERA_FEATURE(
      "camerabridge.camera.feature",
      Meter.Type.GAUGE,
      "value",
      "A GenICam feature listed under the camera's diagnostics (e.g. DeviceTemperature), read on"
          + " the camera's control thread every diagnosticsInterval; booleans are 1/0,"
          + " enumerations their integer value, NaN until read or after a failed read; in the"
          + " feature's own unit (value).",
      MeterTags.CAMERA,
      MeterTags.FEATURE),
  LAST_FRAME_AGE(
      "camerabridge.last.frame.age",
      Meter.Type.GAUGE,
      "seconds",
      "Time since the camera's last frame was popped (NaN before the first), in seconds.",
      MeterTags.CAMERA),
  ANALYZER_REACHABLE(
      "camerabridge.analyzer.reachable",
      Meter.Type.GAUGE,
      "boolean",
      "1 while the camera's analyzer answered its last exchange or probe, else 0 (boolean).",
      MeterTags.CAMERA),
  ANALYZER_RETRIES(
      "camerabridge.analyzer.retries",
      Meter.Type.COUNTER,
      "requests",
      "Requests sent again on a fresh connection because a reused keep-alive connection refused"
          + " their first byte (never one the analyzer may have read), in requests.",
      MeterTags.CAMERA),
  ANALYZER_REQUESTS(
      "camerabridge.analyzer.requests",
      Meter.Type.COUNTER,
      "requests",
      "Frames sent to one analyzer instance (re-sends included, warm-ups not), in requests.",
      MeterTags.CAMERA,
      MeterTags.ANALYZER),
  ANALYZER_FAILURES(
      "camerabridge.analyzer.failures",
      Meter.Type.COUNTER,
      "requests",
      "Requests to one analyzer instance that were refused, reset, timed out or answered 5xx, in"
          + " requests.",
      MeterTags.CAMERA,
      MeterTags.ANALYZER),
  ANALYZER_IN_FLIGHT(
      "camerabridge.analyzer.in.flight",
      Meter.Type.GAUGE,
      "requests",
      "Frames at one analyzer instance now (at most pekat.maxInFlight), in requests.",
      MeterTags.CAMERA,
      MeterTags.ANALYZER),
  ANALYZER_STATE(
      "camerabridge.analyzer.state",
      Meter.Type.GAUGE,
      "boolean",
      "1 for the state one analyzer instance is in (ready, warming, down), 0 for the others"
          + " (boolean).",
      MeterTags.CAMERA,
      MeterTags.ANALYZER,
      MeterTags.STATE),
  ANALYZER_LATENCY(
      "camerabridge.analyzer.latency",
      Meter.Type.TIMER,
      "seconds",
      "Time from the last request byte written to one analyzer instance's complete answer, in"
          + " seconds.",
      MeterTags.CAMERA,
      MeterTags.ANALYZER),
  ANALYZER_FAILOVERS(
      "camerabridge.analyzer.failovers",
      Meter.Type.COUNTER,
      "frames",
      "Frames whose analyzer instance failed mid-request, by what followed: resent (once, to"
          + " another instance, with pekat.retryOnOtherInstance) or not_resent, in frames.",
      MeterTags.CAMERA,
      MeterTags.ANALYZER,
      MeterTags.RESULT),
  WATCHDOG_FRAME_SILENCE(
      "camerabridge.watchdog.frame.silence",
      Meter.Type.GAUGE,
      "seconds",
      "Time a streaming camera has gone without a frame as the systemd watchdog counts it (0 while"
          + " not streaming, before the first frame, or when hardware-triggered); at 30 s the"
          + " watchdog restarts camera-bridge, in seconds.",
      MeterTags.CAMERA),
  VERDICTS(
      "camerabridge.verdicts",
      Meter.Type.COUNTER,
      "parts",
      "Parts decided, in sequence order, by outcome (ok, ng, timeout, error), in parts.",
      MeterTags.CAMERA,
      MeterTags.VERDICT),
  VERDICTS_LATE(
      "camerabridge.verdicts.late",
      Meter.Type.COUNTER,
      "answers",
      "Analyzer answers that came after their part's deadline (journaled, never fired), in"
          + " answers.",
      MeterTags.CAMERA),
  OUTPUTS(
      "camerabridge.outputs",
      Meter.Type.COUNTER,
      "outcomes",
      "Outcomes an output fires on (its on: list), by result (fired, failed, dropped), in"
          + " outcomes.",
      MeterTags.CAMERA,
      MeterTags.OUTPUT,
      MeterTags.RESULT),
  OUTPUT_QUEUE(
      "camerabridge.output.queue.depth",
      Meter.Type.GAUGE,
      "outcomes",
      "Outcomes waiting to be written by an output (broker away, webhook slow), in outcomes.",
      MeterTags.CAMERA,
      MeterTags.OUTPUT),
  OUTPUT_LATENCY(
      "camerabridge.output.latency",
      Meter.Type.TIMER,
      "seconds",
      "Time from Aravis filling a buffer to its outcome written by an output (line: register"
          + " written; mqtt: handed over, or PUBACK for QoS 1; webhook: answered), in seconds.",
      MeterTags.CAMERA,
      MeterTags.OUTPUT);

  /** Bucket boundaries of {@link #FRAME_SIZE}: frame sizes from VGA mono to 25 MP colour. */
  private static final double[] FRAME_SIZE_BUCKETS_BYTES = {
    256 * 1024, 1 << 20, 2 << 20, 5 << 20, 10 << 20, 25 << 20, 50 << 20, 100 << 20
  };

  private final MeterInfo info;

  BridgeMeter(
      String meterName, Meter.Type type, String unit, String description, String... tagKeys) {
    this.info = new MeterInfo(meterName, type, unit, description, List.of(tagKeys));
  }

  @Override
  public MeterInfo info() {
    return info;
  }

  @Override
  public double[] summaryBuckets() {
    return FRAME_SIZE_BUCKETS_BYTES;
  }

  @Override
  public Duration[] expectedRange() {
    switch (this) {
      case ANALYZER_LATENCY:
        return new Duration[] {Duration.ofMillis(1), Duration.ofSeconds(30)};
      case FRAME_WAIT:
        return new Duration[] {Duration.ofNanos(100_000), Duration.ofSeconds(2)};
      case UPLOAD:
        return new Duration[] {Duration.ofNanos(100_000), Duration.ofSeconds(10)};
      case ANALYSIS:
        return new Duration[] {Duration.ofMillis(1), Duration.ofSeconds(30)};
      case END_TO_END:
      case OUTPUT_LATENCY:
        return new Duration[] {Duration.ofMillis(1), Duration.ofSeconds(30)};
      default:
        throw new IllegalStateException(this + " is not a timer");
    }
  }
}
