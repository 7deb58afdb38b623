package io.camerabridge.plc.modbus;

import io.camerabridge.plc.PlcState;
import java.util.function.ToLongFunction;

/**
 * The Modbus register map, the one table the server and docs/plc.md are made from (the doc's table
 * is {@link #renderTable()}, checked by {@code ModbusMapDocTest}). Each camera's {@code plc.slot}
 * owns {@value #REGISTERS_PER_SLOT} holding registers from {@code slot * 16} and {@value
 * #COILS_PER_SLOT} coils from {@code slot * 8}. Multi-register values are big-endian, most
 * significant word first.
 */
public final class ModbusMap {
  public static final int REGISTERS_PER_SLOT = 16;
  public static final int COILS_PER_SLOT = 8;

  /** The highest slot whose registers still fit the 16-bit address space. */
  public static final int MAX_SLOT = 0x10000 / REGISTERS_PER_SLOT - 1;

  static final String BEGIN_MARKER = "<!-- BEGIN modbus map (generated from ModbusMap) -->";
  static final String END_MARKER = "<!-- END modbus map -->";

  private static final long UINT16_MAX = 0xFFFF;
  private static final long UINT32_MAX = 0xFFFF_FFFFL;

  /** One holding register value of a slot, at {@code slot * 16 + offset}. */
  public enum Register {
    SEQUENCE(
        0,
        4,
        "UInt64",
        false,
        "Sequence of the shown outcome (0 before the first)",
        PlcState::sequence),
    VERDICT_CODE(
        4, 1, "UInt16", false, "1 OK, 2 NG, 3 TIMEOUT, 4 ERROR, 0 none", PlcState::verdictCode),
    DEFECTS(
        5,
        1,
        "UInt16",
        false,
        "Defects (rectangles) in the shown outcome, at most 65535",
        s -> clamp(s.defects(), UINT16_MAX)),
    STATE(
        6,
        1,
        "UInt16",
        false,
        "Camera state: 1 starting, 2 streaming, 3 reconnecting, 4 stopped",
        s -> s.cameraState().code()),
    FPS_X10(
        7,
        1,
        "UInt16",
        false,
        "Frames per second × 10, rounded (29.5 fps reads 295)",
        s -> clamp(Math.round(s.fps() * 10), UINT16_MAX)),
    OK(8, 2, "UInt32", false, "OK outcomes so far, modulo 2³²", s -> s.ok() & UINT32_MAX),
    NG(10, 2, "UInt32", false, "NG outcomes so far, modulo 2³²", s -> s.ng() & UINT32_MAX),
    LAST_ERROR(
        12,
        1,
        "UInt16",
        false,
        "Error code of the last ERROR outcome (0 none)",
        s -> clamp(s.lastErrorCode(), UINT16_MAX)),
    RECIPE(
        13,
        1,
        "UInt16",
        true,
        "Recipe number in use; the PLC writes the next one (0 = the camera's own pekat.url)",
        s -> clamp(s.recipe(), UINT16_MAX)),
    PART_ID(
        14,
        2,
        "UInt32",
        true,
        "Part id for the next frame, written as both registers in one request (function 16);"
            + " 0 = none. Reads 0 when the part id is not a decimal UInt32 (set over OPC UA)",
        s -> numericPartId(s.partId()));

    private final int offset;
    private final int words;
    private final String type;
    private final boolean writable;
    private final String description;
    private final ToLongFunction<PlcState> value;

    Register(
        int offset,
        int words,
        String type,
        boolean writable,
        String description,
        ToLongFunction<PlcState> value) {
      this.offset = offset;
      this.words = words;
      this.type = type;
      this.writable = writable;
      this.description = description;
      this.value = value;
    }

    public int offset() {
      return offset;
    }

    public int words() {
      return words;
    }

    public boolean writable() {
      return writable;
    }

    /** The register (or the first of several) this field starts at, with none reserved between. */
    static Register at(int offset) {
      for (Register r : values()) {
        if (offset >= r.offset && offset < r.offset + r.words) {
          return r;
        }
      }
      return null;
    }
  }

  /** One coil of a slot, at {@code slot * 8 + offset}; offsets 3-7 are reserved and read 0. */
  public enum Coil {
    RESULT_VALID(0, false, "A result is shown and not yet acknowledged"),
    ACK(1, true, "The PLC writes 1 to acknowledge the shown result; reads as the bridge keeps it"),
    TRIGGER(
        2,
        true,
        "The PLC writes 1 to trigger a frame (trigger.mode: plc); reads 0 again once"
            + " the trigger is passed on, before the write is answered");

    private final int offset;
    private final boolean writable;
    private final String description;

    Coil(int offset, boolean writable, String description) {
      this.offset = offset;
      this.writable = writable;
      this.description = description;
    }

    public int offset() {
      return offset;
    }

    public boolean writable() {
      return writable;
    }

    static Coil at(int offset) {
      for (Coil c : values()) {
        if (c.offset == offset) {
          return c;
        }
      }
      return null;
    }
  }

  private ModbusMap() {}

  /** A slot's 16 registers from one snapshot, so a read of many registers is consistent. */
  static int[] registers(PlcState state) {
    int[] words = new int[REGISTERS_PER_SLOT];
    for (Register r : Register.values()) {
      long v = r.value.applyAsLong(state);
      for (int i = r.words - 1; i >= 0; i--) {
        words[r.offset + i] = (int) (v & UINT16_MAX);
        v >>>= 16;
      }
    }
    return words;
  }

  /** A slot's 8 coils from one snapshot. */
  static boolean[] coils(PlcState state) {
    boolean[] bits = new boolean[COILS_PER_SLOT];
    bits[Coil.RESULT_VALID.offset] = state.resultValid();
    bits[Coil.ACK.offset] = state.ack();
    return bits;
  }

  /** The Markdown table of docs/plc.md, "Register map". */
  public static String renderTable() {
    StringBuilder out = new StringBuilder();
    out.append("| Holding register | Name | Type | Access | Meaning |\n");
    out.append("| --- | --- | --- | --- | --- |\n");
    for (Register r : Register.values()) {
      String range =
          r.words == 1
              ? "slot×16 + " + r.offset
              : "slot×16 + " + r.offset + "…" + (r.offset + r.words - 1);
      row(out, range, camel(r.name()), r.type, r.writable, r.description);
    }
    out.append("\n| Coil | Name | Type | Access | Meaning |\n");
    out.append("| --- | --- | --- | --- | --- |\n");
    for (Coil c : Coil.values()) {
      row(out, "slot×8 + " + c.offset, camel(c.name()), "Bool", c.writable, c.description);
    }
    return out.toString();
  }

  private static void row(
      StringBuilder out, String at, String name, String type, boolean writable, String meaning) {
    out.append("| ")
        .append(at)
        .append(" | ")
        .append(name)
        .append(" | ")
        .append(type)
        .append(" | ")
        .append(writable ? "read/write" : "read")
        .append(" | ")
        .append(meaning)
        .append(" |\n");
  }

  /** RESULT_VALID → ResultValid, FPS_X10 → FpsX10, as the doc names the fields. */
  static String camel(String constant) {
    StringBuilder out = new StringBuilder();
    for (String part : constant.split("_")) {
      out.append(part.charAt(0)).append(part.substring(1).toLowerCase(java.util.Locale.ROOT));
    }
    String name = out.toString();
    return name.equals("Ok") || name.equals("Ng") ? name.toUpperCase(java.util.Locale.ROOT) : name;
  }

  private static long clamp(long value, long max) {
    return Math.max(0, Math.min(value, max));
  }

  private static long numericPartId(String partId) {
    if (partId == null || partId.isEmpty() || partId.length() > 10) {
      return 0;
    }
    for (int i = 0; i < partId.length(); i++) {
      if (partId.charAt(i) < '0' || partId.charAt(i) > '9') {
        return 0;
      }
    }
    long value = Long.parseLong(partId);
    return value <= UINT32_MAX ? value : 0;
  }
}
