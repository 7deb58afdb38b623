package io.camerabridge.metrics;

import io.micrometer.core.instrument.Meter;
import java.util.List;

/**
 * The PLC servers' part of the meter catalogue (OPC UA, Modbus TCP and the handshake cores): kept
 * apart from {@link BridgeMeter} so each enum stays one screenful of a domain; both are listed by
 * {@link MeterSpec#all()}, which is what {@code docs/metrics.md} is rendered from.
 */
public enum PlcMeter implements MeterSpec {
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
      MeterTags.PROTOCOL),
  PLC_SERVING(
      "camerabridge.plc.serving",
      Meter.Type.GAUGE,
      "servers",
      "1 while the configured PLC server of this protocol (opcua, modbus) is listening, 0 while it"
          + " could not bind and is being retried (/health says why), in servers.",
      MeterTags.PROTOCOL);

  private final MeterInfo info;

  PlcMeter(String meterName, Meter.Type type, String unit, String description, String... tagKeys) {
    this.info = new MeterInfo(meterName, type, unit, description, List.of(tagKeys));
  }

  @Override
  public MeterInfo info() {
    return info;
  }
}
