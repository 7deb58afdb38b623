package io.camerabridge.plc;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The code of the last ERROR outcome, as the PLC reads it (Modbus register 12, OPC UA {@code
 * LastErrorCode}); 0 before the first ERROR. One code per reason an outcome has no verdict, grouped
 * by tens: 1x the frame never reached the analyzer, 2x the exchange failed, 3x the answer had no
 * verdict. docs/plc.md lists them from this enum.
 */
public enum PlcErrorCode {
  /** No ERROR yet. */
  NONE(0, null, "no ERROR outcome yet"),
  ANALYZER_DOWN(11, "analyzer_down", "dropped: the analyzer is known to be unreachable"),
  ANALYZER_BUSY(12, "analyzer_busy", "dropped: maxInFlight frames were already at the analyzer"),
  INCOMPLETE(13, "incomplete", "the frame arrived incomplete (lost packets)"),
  CONVERSION_IMPOSSIBLE(14, "conversion_impossible", "dropped: the pixels could not be converted"),
  SHUTDOWN(15, "shutdown", "dropped: the service was stopping"),
  TIMEOUT(21, "timeout", "the analyzer did not answer within pekat.timeout"),
  CONNECT_FAILED(22, "connect_failed", "the analyzer could not be connected"),
  HTTP_ERROR(23, "http_error", "the analyzer answered with an HTTP error status"),
  IO_ERROR(24, "io_error", "the connection failed while the frame was sent or answered"),
  MALFORMED_RESPONSE(25, "malformed_response", "the analyzer's answer could not be read"),
  NO_VERDICT(31, "no_verdict", "the answer carried no OK/NG verdict"),
  FLOW_ERROR(32, "flow_error", "PEKAT reported an error in the project's flow"),
  OTHER(99, null, "any other reason (see the journal's error field)");

  /** The lines around the table in docs/plc.md that {@link #renderTable()} renders. */
  public static final String BEGIN_MARKER =
      "<!-- BEGIN error codes (generated from PlcErrorCode) -->";

  public static final String END_MARKER = "<!-- END error codes -->";

  private static final Map<String, PlcErrorCode> BY_REASON =
      Arrays.stream(values())
          .filter(c -> c.reason != null)
          .collect(Collectors.toUnmodifiableMap(c -> c.reason, Function.identity()));

  private final int code;
  private final String reason;
  private final String meaning;

  PlcErrorCode(int code, String reason, String meaning) {
    this.code = code;
    this.reason = reason;
    this.meaning = meaning;
  }

  /** The register / node value. */
  public int code() {
    return code;
  }

  /** The outcome's {@code error} text this code stands for (the journal's outcome), or null. */
  public String reason() {
    return reason;
  }

  /** One line for docs/plc.md. */
  public String meaning() {
    return meaning;
  }

  /** The table of docs/plc.md: every code, its reason and meaning (checked by a test). */
  public static String renderTable() {
    StringBuilder out = new StringBuilder();
    out.append("| Code | Reason (journal outcome) | Meaning |\n| --- | --- | --- |\n");
    for (PlcErrorCode c : values()) {
      out.append("| ")
          .append(c.code)
          .append(" | ")
          .append(c.reason == null ? "" : "`" + c.reason + "`")
          .append(" | ")
          .append(c.meaning)
          .append(" |\n");
    }
    return out.toString();
  }

  /** The code of an ERROR outcome's {@code error} text. */
  public static PlcErrorCode of(String error) {
    return error == null ? OTHER : BY_REASON.getOrDefault(error, OTHER);
  }
}
