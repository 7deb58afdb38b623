package io.camerabridge.metrics;

import java.util.concurrent.atomic.AtomicLong;

/** Camera gauges over plain fields, as a pipeline would expose them. */
final class MetricsFixtures {

  static final class Camera {
    final AtomicLong inFlight = new AtomicLong();
    final AtomicLong freeBuffers = new AtomicLong();
    volatile boolean connected;
    volatile double lastFrameAge = Double.NaN;
    volatile boolean analyzerReachable;
    volatile StreamStatistics statistics = StreamStatistics.NONE;
    final AtomicLong statisticsReads = new AtomicLong();
    final AtomicLong framesCopied = new AtomicLong();
    final AtomicLong analyzerRetries = new AtomicLong();

    CameraGauges gauges() {
      return new CameraGauges(
          inFlight::get,
          freeBuffers::get,
          () -> connected,
          () -> lastFrameAge,
          () -> analyzerReachable,
          () -> {
            statisticsReads.incrementAndGet();
            return statistics;
          },
          framesCopied::get,
          analyzerRetries::get);
    }
  }

  static CameraGauges gauges() {
    return new Camera().gauges();
  }

  private MetricsFixtures() {}

  /**
   * Registers the verdict and output meters the way {@code outputs.CameraOutputs} does (that
   * package sits above metrics), so catalogue-wide checks see every meter.
   */
  static void registerOutputMeters(io.micrometer.core.instrument.MeterRegistry registry) {
    io.micrometer.core.instrument.Tags camera =
        io.micrometer.core.instrument.Tags.of("camera", "top");
    io.micrometer.core.instrument.Tags output = camera.and("output", "mqtt");
    Object state = new Object();
    BridgeMeter.VERDICTS.functionCounter(registry, camera.and("verdict", "ok"), state, s -> 1);
    BridgeMeter.VERDICTS_LATE.functionCounter(registry, camera, state, s -> 0);
    BridgeMeter.OUTPUTS.counter(registry, output.and("result", "fired")).increment();
    BridgeMeter.OUTPUT_QUEUE.gauge(registry, output, state, s -> 0);
    BridgeMeter.OUTPUT_LATENCY.timer(registry, output).record(java.time.Duration.ofMillis(1));
    registerPlcMeters(registry, camera, state);
    // Bound by service.Bridge from the pipeline's state, beside the watchdog gauge.
    BridgeMeter.CAMERA_MISCONFIGURED.gauge(registry, camera, state, s -> 0);
    registerAnalyzerMeters(registry, camera, state);
  }

  /** One analyzer instance's meters, registered the way {@code analyzers.AnalyzerMeters} does. */
  private static void registerAnalyzerMeters(
      io.micrometer.core.instrument.MeterRegistry registry,
      io.micrometer.core.instrument.Tags camera,
      Object state) {
    io.micrometer.core.instrument.Tags at = camera.and("analyzer", "127.0.0.1:8000");
    BridgeMeter.ANALYZER_REQUESTS.functionCounter(registry, at, state, s -> 2);
    BridgeMeter.ANALYZER_FAILURES.functionCounter(registry, at, state, s -> 1);
    BridgeMeter.ANALYZER_IN_FLIGHT.gauge(registry, at, state, s -> 0);
    BridgeMeter.ANALYZER_STATE.gauge(registry, at.and("state", "ready"), state, s -> 1);
    BridgeMeter.ANALYZER_LATENCY.timer(registry, at).record(java.time.Duration.ofMillis(40));
    BridgeMeter.ANALYZER_FAILOVERS.functionCounter(
        registry, at.and("result", "not_resent"), state, s -> 1);
  }

  /**
   * The PLC servers' meters, registered the way {@code plc.opcua.OpcUaMeters} and {@code
   * plc.modbus.ModbusMeters} do.
   */
  private static void registerPlcMeters(
      io.micrometer.core.instrument.MeterRegistry registry,
      io.micrometer.core.instrument.Tags camera,
      Object state) {
    io.micrometer.core.instrument.Tags accepted =
        io.micrometer.core.instrument.Tags.of("result", "accepted");
    PlcMeter.OPCUA_LOGINS.counter(registry, accepted).increment();
    PlcMeter.OPCUA_WRITES.counter(registry, camera.and("node", "Ack").and(accepted)).increment();
    PlcMeter.OPCUA_CALLS.counter(registry, camera.and(accepted)).increment();
    PlcMeter.MODBUS_REQUESTS
        .counter(
            registry,
            io.micrometer.core.instrument.Tags.of("function", "read_coils", "result", "ok"))
        .increment();
    PlcMeter.MODBUS_DISCONNECTS
        .counter(registry, io.micrometer.core.instrument.Tags.of("reason", "idle"))
        .increment();
    PlcMeter.MODBUS_WRITES.counter(registry, camera.and("node", "Ack").and(accepted)).increment();
    // As plc.PlcMeters binds them.
    PlcMeter.PLC_ACKS.functionCounter(registry, camera, state, s -> 1);
    PlcMeter.PLC_UNACKNOWLEDGED.functionCounter(registry, camera, state, s -> 0);
    PlcMeter.PLC_QUEUE_OVERFLOW.functionCounter(registry, camera, state, s -> 0);
    PlcMeter.PLC_INBOX_OVERFLOW.functionCounter(registry, camera, state, s -> 0);
    PlcMeter.PLC_TRIGGERS.functionCounter(registry, camera.and(accepted), state, s -> 1);
    PlcMeter.PLC_RECIPE_SWITCHES.functionCounter(registry, camera.and(accepted), state, s -> 0);
    PlcMeter.PLC_CLIENTS.gauge(
        registry, io.micrometer.core.instrument.Tags.of("protocol", "opcua"), state, s -> 1);
    PlcMeter.PLC_SERVING.gauge(
        registry, io.micrometer.core.instrument.Tags.of("protocol", "opcua"), state, s -> 1);
  }
}
