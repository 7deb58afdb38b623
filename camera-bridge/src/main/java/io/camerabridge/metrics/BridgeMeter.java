package io.camerabridge.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;

/**
 * The catalogue of every meter camera-bridge publishes: name, type, unit, tag keys and a one-line
 * description. All meters are registered through this enum, which checks the tag keys, so the
 * catalogue, the code and {@code docs/metrics.md} (rendered from it by {@link MeterCatalogue})
 * cannot drift apart.
 */
public enum BridgeMeter {
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
      MeterTags.OUTPUT),
  OPCUA_LOGINS(
      "camerabridge.opcua.logins",
      Meter.Type.COUNTER,
      "logins",
      "OPC UA user name logins, by result (accepted, refused), in logins.",
      MeterTags.RESULT),
  OPCUA_WRITES(
      "camerabridge.opcua.writes",
      Meter.Type.COUNTER,
      "writes",
      "Values a PLC wrote to a camera's Ack, PartId or Recipe node, by node and result (accepted,"
          + " refused), in writes.",
      MeterTags.CAMERA,
      MeterTags.NODE,
      MeterTags.RESULT),
  OPCUA_CALLS(
      "camerabridge.opcua.calls",
      Meter.Type.COUNTER,
      "calls",
      "Trigger() calls on a camera's OPC UA folder, by result (accepted, refused: not trigger.mode"
          + " plc or not streaming), in calls.",
      MeterTags.CAMERA,
      MeterTags.RESULT),
  MODBUS_REQUESTS(
      "camerabridge.modbus.requests",
      Meter.Type.COUNTER,
      "requests",
      "Modbus requests answered, by function (read_coils, read_holding_registers,"
          + " write_single_coil, write_single_register, write_multiple_coils,"
          + " write_multiple_registers, other) and result (ok, illegal_function,"
          + " illegal_data_address, illegal_data_value, busy, unknown_unit, device_failure), in"
          + " requests.",
      MeterTags.FUNCTION,
      MeterTags.RESULT),
  MODBUS_DISCONNECTS(
      "camerabridge.modbus.disconnects",
      Meter.Type.COUNTER,
      "connections",
      "Modbus connections the server closed, by reason (limit: over the connection cap, idle: no"
          + " complete request within the idle time-out, malformed: not a Modbus TCP header, flood:"
          + " answers not read), in connections.",
      MeterTags.REASON),
  MODBUS_WRITES(
      "camerabridge.modbus.writes",
      Meter.Type.COUNTER,
      "writes",
      "Values a PLC wrote to a camera's Ack, Trigger, PartId or Recipe over Modbus, by node and"
          + " result (accepted, refused: nothing to acknowledge, or a trigger the camera did not"
          + " take), in writes.",
      MeterTags.CAMERA,
      MeterTags.NODE,
      MeterTags.RESULT),
  PLC_ACKS(
      "camerabridge.plc.acks",
      Meter.Type.COUNTER,
      "acks",
      "Results a PLC acknowledged (Ack written while ResultValid was set), over any protocol, in"
          + " acks.",
      MeterTags.CAMERA),
  PLC_UNACKNOWLEDGED(
      "camerabridge.plc.unacknowledged",
      Meter.Type.COUNTER,
      "outcomes",
      "Results replaced by a newer one before the PLC acknowledged them (handshake latest), in"
          + " outcomes.",
      MeterTags.CAMERA),
  PLC_QUEUE_OVERFLOW(
      "camerabridge.plc.queue.overflow",
      Meter.Type.COUNTER,
      "outcomes",
      "Outcomes the PLC never sees because plc.queue outcomes were already waiting for an Ack"
          + " (handshake queue), in outcomes.",
      MeterTags.CAMERA),
  PLC_INBOX_OVERFLOW(
      "camerabridge.plc.inbox.overflow",
      Meter.Type.COUNTER,
      "events",
      "Outcomes and PLC writes dropped because the camera's PLC thread was that far behind, in"
          + " events.",
      MeterTags.CAMERA),
  PLC_TRIGGERS(
      "camerabridge.plc.triggers",
      Meter.Type.COUNTER,
      "requests",
      "Trigger requests from a PLC (OPC UA Trigger(), Modbus Trigger coil), by result (accepted,"
          + " refused: not trigger.mode plc or not streaming), in requests.",
      MeterTags.CAMERA,
      MeterTags.RESULT),
  PLC_RECIPE_SWITCHES(
      "camerabridge.plc.recipe.switches",
      Meter.Type.COUNTER,
      "switches",
      "Recipe numbers a PLC wrote, by result (accepted: the next frame goes to that recipe's PEKAT"
          + " project; refused: no such recipe), in switches.",
      MeterTags.CAMERA,
      MeterTags.RESULT),
  PLC_CLIENTS(
      "camerabridge.plc.clients",
      Meter.Type.GAUGE,
      "clients",
      "PLC clients connected now, by protocol (opcua: sessions, which outlive a lost connection"
          + " until their timeout; modbus: connections), in clients.",
      MeterTags.PROTOCOL);

  /** Bucket boundaries of {@link #FRAME_SIZE}: frame sizes from VGA mono to 25 MP colour. */
  private static final double[] FRAME_SIZE_BUCKETS_BYTES = {
    256 * 1024, 1 << 20, 2 << 20, 5 << 20, 10 << 20, 25 << 20, 50 << 20, 100 << 20
  };

  /** Units Micrometer treats as base units; the others are only what one count means. */
  private static final Set<String> BASE_UNITS = Set.of("seconds", "bytes");

  private final String meterName;
  private final Meter.Type type;
  private final String unit;
  private final String description;
  private final List<String> tagKeys;

  BridgeMeter(
      String meterName, Meter.Type type, String unit, String description, String... tagKeys) {
    this.meterName = meterName;
    this.type = type;
    this.unit = unit;
    this.description = description;
    this.tagKeys = List.of(tagKeys);
  }

  /** Micrometer's dotted name, e.g. {@code camerabridge.frame.wait}. */
  public String meterName() {
    return meterName;
  }

  public Meter.Type type() {
    return type;
  }

  /** What one unit of the value is, e.g. {@code seconds}, {@code frames}, {@code boolean}. */
  public String unit() {
    return unit;
  }

  /** The Micrometer base unit ({@code seconds} or {@code bytes}), or null for plain counts. */
  public String baseUnit() {
    return BASE_UNITS.contains(unit) ? unit : null;
  }

  public String description() {
    return description;
  }

  /** Tag keys in declaration order; every registration must carry exactly these keys. */
  public List<String> tagKeys() {
    return tagKeys;
  }

  /** Registers (or finds) this timer with a percentile histogram in its expected range. */
  public Timer timer(MeterRegistry registry, Tags tags) {
    requireType(Meter.Type.TIMER);
    Timer.Builder builder =
        Timer.builder(meterName)
            .description(description)
            .tags(checked(tags))
            .publishPercentileHistogram();
    Duration[] range = expectedRange();
    return builder.minimumExpectedValue(range[0]).maximumExpectedValue(range[1]).register(registry);
  }

  /** Registers (or finds) this distribution summary with bucket boundaries for frame sizes. */
  public DistributionSummary summary(MeterRegistry registry, Tags tags) {
    requireType(Meter.Type.DISTRIBUTION_SUMMARY);
    return DistributionSummary.builder(meterName)
        .description(description)
        .baseUnit(baseUnit())
        .tags(checked(tags))
        .serviceLevelObjectives(FRAME_SIZE_BUCKETS_BYTES)
        .register(registry);
  }

  /** Registers (or finds) this counter. */
  public Counter counter(MeterRegistry registry, Tags tags) {
    requireType(Meter.Type.COUNTER);
    return Counter.builder(meterName)
        .description(description)
        .baseUnit(baseUnit())
        .tags(checked(tags))
        .register(registry);
  }

  /**
   * Registers (or finds) this counter as a view of a monotonic count kept elsewhere (e.g. Aravis's
   * stream statistics), read when the registry is scraped. The registry holds {@code state}
   * strongly.
   */
  public <T> FunctionCounter functionCounter(
      MeterRegistry registry, Tags tags, T state, ToDoubleFunction<T> count) {
    requireType(Meter.Type.COUNTER);
    // Micrometer holds a function counter's state weakly and, once it is collected, reports the
    // last value it happened to read (0 if never scraped). The function below captures the state,
    // so the registry holds it strongly, as it does for gauges: a stopped camera's counts stay.
    return FunctionCounter.builder(meterName, state, s -> count.applyAsDouble(state))
        .description(description)
        .baseUnit(baseUnit())
        .tags(checked(tags))
        .register(registry);
  }

  /**
   * Registers (or finds) this gauge. The registry holds {@code state} strongly, so a gauge never
   * silently turns into NaN because its state object was garbage collected.
   */
  public <T> Gauge gauge(MeterRegistry registry, Tags tags, T state, ToDoubleFunction<T> value) {
    requireType(Meter.Type.GAUGE);
    return Gauge.builder(meterName, state, value)
        .description(description)
        .baseUnit(baseUnit())
        .tags(checked(tags))
        .strongReference(true)
        .register(registry);
  }

  private Duration[] expectedRange() {
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

  private void requireType(Meter.Type expected) {
    if (type != expected) {
      throw new IllegalStateException(this + " is a " + type + ", not a " + expected);
    }
  }

  private Tags checked(Tags tags) {
    Set<String> keys = new TreeSet<>();
    for (Tag tag : tags) {
      keys.add(tag.getKey());
    }
    if (!keys.equals(new TreeSet<>(tagKeys))) {
      throw new IllegalArgumentException(
          meterName + " takes tags " + tagKeys + " but was given " + keys);
    }
    return tags;
  }
}
