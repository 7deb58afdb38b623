package io.camerabridge.plc.opcua;

import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.ulong;

import io.camerabridge.plc.PlcState;
import java.util.Locale;
import java.util.function.Function;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;

/**
 * The variables in every {@code Objects/Cameras/<camera id>/} folder, in the order a new state is
 * written: the outcome's values first and {@link #RESULT_VALID} last, so a client that sees
 * ResultValid become true has already been sent the values it stands for.
 */
enum CameraVariable {
  SEQUENCE("Sequence", NodeIds.UInt64, s -> Variant.ofUInt64(ulong(s.sequence()))),
  VERDICT("Verdict", NodeIds.String, s -> Variant.ofString(verdictName(s))),
  VERDICT_CODE("VerdictCode", NodeIds.Int32, s -> Variant.ofInt32(s.verdictCode())),
  DEFECTS("Defects", NodeIds.Int32, s -> Variant.ofInt32(s.defects())),
  FRAME_ID("FrameId", NodeIds.UInt64, s -> Variant.ofUInt64(ulong(s.frameId()))),
  TIMESTAMP("Timestamp", NodeIds.DateTime, s -> Variant.ofDateTime(dateTime(s))),
  STATE("State", NodeIds.String, s -> Variant.ofString(stateName(s))),
  FPS("Fps", NodeIds.Double, s -> Variant.ofDouble(s.fps())),
  OK("OK", NodeIds.UInt64, s -> Variant.ofUInt64(ulong(s.ok()))),
  NG("NG", NodeIds.UInt64, s -> Variant.ofUInt64(ulong(s.ng()))),
  FAILED("Failed", NodeIds.UInt64, s -> Variant.ofUInt64(ulong(s.failed()))),
  DROPPED("Dropped", NodeIds.UInt64, s -> Variant.ofUInt64(ulong(s.dropped()))),
  LAST_ERROR_CODE("LastErrorCode", NodeIds.Int32, s -> Variant.ofInt32(s.lastErrorCode())),
  ACK("Ack", NodeIds.Boolean, s -> Variant.ofBoolean(s.ack())),
  PART_ID("PartId", NodeIds.String, s -> Variant.ofString(s.partId() == null ? "" : s.partId())),
  RECIPE("Recipe", NodeIds.Int32, s -> Variant.ofInt32(s.recipe())),
  RESULT_VALID("ResultValid", NodeIds.Boolean, s -> Variant.ofBoolean(s.resultValid()));

  private final String browseName;
  private final NodeId dataType;
  private final Function<PlcState, Variant> value;

  CameraVariable(String browseName, NodeId dataType, Function<PlcState, Variant> value) {
    this.browseName = browseName;
    this.dataType = dataType;
    this.value = value;
  }

  /** The node's browse and display name, also the last part of its node id. */
  String browseName() {
    return browseName;
  }

  NodeId dataType() {
    return dataType;
  }

  /** Whether a PLC may write it (Ack, PartId, Recipe); the others answer Bad_NotWritable. */
  boolean writable() {
    return this == ACK || this == PART_ID || this == RECIPE;
  }

  Variant valueOf(PlcState state) {
    return value.apply(state);
  }

  private static String verdictName(PlcState state) {
    return state.verdict() == null ? "" : state.verdict().name();
  }

  private static String stateName(PlcState state) {
    return state.cameraState() == null ? "" : state.cameraState().name().toLowerCase(Locale.ROOT);
  }

  private static DateTime dateTime(PlcState state) {
    return state.timestamp() == null ? DateTime.NULL_VALUE : new DateTime(state.timestamp());
  }
}
