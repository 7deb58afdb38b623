package io.camerabridge.plc.opcua;

import io.camerabridge.metrics.MeterTags;
import io.camerabridge.metrics.PlcMeter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.function.IntSupplier;

/** The OPC UA server's meters ({@code camerabridge.opcua.*}), registered through the catalogue. */
final class OpcUaMeters {
  static final String ACCEPTED = "accepted";
  static final String REFUSED = "refused";

  private final MeterRegistry registry;
  private volatile IntSupplier sessions = () -> 0;

  OpcUaMeters(MeterRegistry registry) {
    this.registry = registry;
    PlcMeter.PLC_CLIENTS.gauge(
        registry, Tags.of(MeterTags.PROTOCOL, "opcua"), this, OpcUaMeters::sessions);
  }

  /** Where the number of open sessions comes from while a server runs (0 when none does). */
  void sessionsFrom(IntSupplier source) {
    sessions = source;
  }

  int sessions() {
    return sessions.getAsInt();
  }

  void login(boolean accepted) {
    PlcMeter.OPCUA_LOGINS
        .counter(registry, Tags.of(MeterTags.RESULT, result(accepted)))
        .increment();
  }

  void write(String camera, CameraVariable variable, boolean accepted) {
    PlcMeter.OPCUA_WRITES
        .counter(
            registry,
            Tags.of(
                MeterTags.CAMERA,
                camera,
                MeterTags.NODE,
                variable.browseName(),
                MeterTags.RESULT,
                result(accepted)))
        .increment();
  }

  void call(String camera, boolean accepted) {
    PlcMeter.OPCUA_CALLS
        .counter(registry, Tags.of(MeterTags.CAMERA, camera, MeterTags.RESULT, result(accepted)))
        .increment();
  }

  private static String result(boolean accepted) {
    return accepted ? ACCEPTED : REFUSED;
  }
}
