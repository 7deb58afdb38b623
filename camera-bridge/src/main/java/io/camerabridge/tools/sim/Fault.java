package io.camerabridge.tools.sim;

import java.util.Locale;

/**
 * A failure the simulator injects on purpose, so reliability tests can watch a client cope. A fault
 * replaces the answer to each analyze request that passed the API-key check (after the configured
 * latency); the other endpoints keep answering normally, except under {@link #REFUSE_CONNECTIONS}.
 */
public enum Fault {
  /** Normal operation. */
  NONE("normal answers"),
  /**
   * HTTP 200 whose context reports a failed flow, as PEKAT does when a module throws: {@code error}
   * true, an {@code errors} entry, a traceback in {@code stderr}, {@code result} false, no
   * rectangles. (Processing off has no flow to fail: the bare context is unchanged.)
   */
  FLOW_ERROR("HTTP 200 with error: true, errors, stderr and result false in the context"),
  /** HTTP 500 with a one-line text body. */
  HTTP_500("HTTP 500 Internal Server Error, text body"),
  /** HTTP 400 whose text body is a Python traceback, as PEKAT sends for an undecodable image. */
  BAD_REQUEST_TRACEBACK("HTTP 400 with a Python traceback as the text body"),
  /** HTTP 200, correctly framed, but the JSON body is cut off in the middle. */
  MALFORMED_JSON("HTTP 200 whose JSON context is cut in half (framing intact)"),
  /**
   * Headers announce the full Content-Length, half the body is sent, then the connection closes.
   */
  TRUNCATED_BODY("Content-Length announces the full body, half is sent, connection closed"),
  /** The request is read, then the connection is closed without a byte of response. */
  CLOSE_BEFORE_RESPONSE("connection closed without any response"),
  /** Status line and headers are sent, then the connection closes before the body. */
  CLOSE_MID_RESPONSE("status line and headers sent, connection closed before the body"),
  /** The request is read and never answered; the connection stays open. */
  HANG("no answer at all; the connection stays open"),
  /**
   * The listening socket is closed and open connections are dropped, so connecting fails with
   * "connection refused"; clearing the fault listens again on the same port.
   */
  REFUSE_CONNECTIONS("listener closed: connections are refused until the fault is cleared"),
  /**
   * A complete 200 response whose Content-Length is 16 bytes short: the client reads cut-off JSON
   * and the rest of the body arrives where it expects the next response.
   */
  WRONG_CONTENT_LENGTH("Content-Length 16 bytes shorter than the body; connection kept open");

  private final String description;

  Fault(String description) {
    this.description = description;
  }

  /** One line saying what a client sees. */
  public String description() {
    return description;
  }

  /** The name used on the command line, e.g. {@code close-mid-response}. */
  public String cliName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /**
   * Parses a command-line name such as {@code http-500} (case and {@code -}/{@code _} ignored).
   *
   * @throws IllegalArgumentException listing the accepted names
   */
  public static Fault fromCliName(String name) {
    String normal = name.trim().toUpperCase(Locale.ROOT).replace('-', '_');
    for (Fault fault : values()) {
      if (fault.name().equals(normal)) {
        return fault;
      }
    }
    StringBuilder names = new StringBuilder();
    for (Fault fault : values()) {
      names.append(names.length() == 0 ? "" : ", ").append(fault.cliName());
    }
    throw new IllegalArgumentException("unknown fault '" + name + "': use one of " + names);
  }
}
