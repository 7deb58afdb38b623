package io.camerabridge.plc;

import io.camerabridge.metrics.MeterTags;
import io.camerabridge.metrics.PlcMeter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

/** The PLC core's meters ({@code camerabridge.plc.*}), views of its counters. */
public final class PlcMeters {
  static final String ACCEPTED = "accepted";
  static final String REFUSED = "refused";

  private PlcMeters() {}

  /** Binds one camera's handshake, inbox, trigger and recipe counters. */
  public static void bind(MeterRegistry registry, PlcCameraCore core) {
    Tags camera = Tags.of(MeterTags.CAMERA, core.id());
    PlcMeter.PLC_ACKS.functionCounter(registry, camera, core, PlcCameraCore::acks);
    PlcMeter.PLC_UNACKNOWLEDGED.functionCounter(
        registry, camera, core, PlcCameraCore::unacknowledged);
    PlcMeter.PLC_QUEUE_OVERFLOW.functionCounter(
        registry, camera, core, PlcCameraCore::queueOverflow);
    PlcMeter.PLC_INBOX_OVERFLOW.functionCounter(
        registry, camera, core, PlcCameraCore::inboxOverflow);
    for (boolean accepted : new boolean[] {true, false}) {
      Tags result = camera.and(MeterTags.RESULT, accepted ? ACCEPTED : REFUSED);
      PlcMeter.PLC_TRIGGERS.functionCounter(registry, result, core, c -> c.triggers(accepted));
      PlcMeter.PLC_RECIPE_SWITCHES.functionCounter(
          registry, result, core, c -> c.recipeSwitches(accepted));
    }
  }
}
