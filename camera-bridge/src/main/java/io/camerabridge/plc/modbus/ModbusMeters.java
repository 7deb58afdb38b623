package io.camerabridge.plc.modbus;

import io.camerabridge.metrics.MeterTags;
import io.camerabridge.metrics.PlcMeter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.concurrent.atomic.AtomicInteger;

/** The Modbus server's meters ({@code camerabridge.modbus.*}), registered through the catalogue. */
final class ModbusMeters {
  static final String ACCEPTED = "accepted";
  static final String REFUSED = "refused";

  private final MeterRegistry registry;
  private final AtomicInteger clients = new AtomicInteger();

  ModbusMeters(MeterRegistry registry) {
    this.registry = registry;
    PlcMeter.PLC_CLIENTS.gauge(
        registry, Tags.of(MeterTags.PROTOCOL, "modbus"), clients, AtomicInteger::get);
  }

  int clients() {
    return clients.get();
  }

  void connected() {
    clients.incrementAndGet();
  }

  void disconnected() {
    clients.decrementAndGet();
  }

  void request(int functionCode, String result) {
    PlcMeter.MODBUS_REQUESTS
        .counter(
            registry, Tags.of(MeterTags.FUNCTION, function(functionCode), MeterTags.RESULT, result))
        .increment();
  }

  void closed(String reason) {
    PlcMeter.MODBUS_DISCONNECTS.counter(registry, Tags.of(MeterTags.REASON, reason)).increment();
  }

  void write(String camera, String node, boolean accepted) {
    PlcMeter.MODBUS_WRITES
        .counter(
            registry,
            Tags.of(
                MeterTags.CAMERA,
                camera,
                MeterTags.NODE,
                node,
                MeterTags.RESULT,
                accepted ? ACCEPTED : REFUSED))
        .increment();
  }

  /** The function tag: one of the six served functions, or {@code other} (a bounded set). */
  static String function(int code) {
    return switch (code) {
      case 0x01 -> "read_coils";
      case 0x03 -> "read_holding_registers";
      case 0x05 -> "write_single_coil";
      case 0x06 -> "write_single_register";
      case 0x0F -> "write_multiple_coils";
      case 0x10 -> "write_multiple_registers";
      default -> "other";
    };
  }
}
