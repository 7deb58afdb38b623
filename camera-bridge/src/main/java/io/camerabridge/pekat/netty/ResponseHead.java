package io.camerabridge.pekat.netty;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * The parts of a PEKAT response head the client uses, parsed straight from the received bytes into
 * fields that one connection reuses for every response. A general HTTP decoder makes a response
 * object, two header maps and a string per header name and value for each response; PEKAT's answers
 * need the status, the framing headers and two of PEKAT's own, so only those two values ({@code
 * ImageLen}, {@code ContextBase64utf}, sent with image responses) and the reason phrase of an error
 * become strings. Header names are matched case-insensitively. Event loop only.
 */
final class ResponseHead {
  private static final byte[] CONTENT_LENGTH = lower("Content-Length");
  private static final byte[] TRANSFER_ENCODING = lower("Transfer-Encoding");
  private static final byte[] CONNECTION = lower("Connection");
  private static final byte[] IMAGE_LEN = lower(ResponseDecoder.IMAGE_LEN);
  private static final byte[] CONTEXT_HEADER = lower(ResponseDecoder.CONTEXT_HEADER);
  private static final byte[] CHUNKED = lower("chunked");
  private static final byte[] CLOSE = lower("close");
  private static final byte[] KEEP_ALIVE = lower("keep-alive");
  private static final int MAX_QUOTE = 60;

  private int status;
  private String reasonPhrase;
  private boolean http11;
  private long contentLength;
  private boolean chunked;
  private boolean closeToken;
  private boolean keepAliveToken;
  private String imageLen;
  private String contextBase64;

  /** Forgets the previous response. */
  void clear() {
    status = 0;
    reasonPhrase = null;
    http11 = false;
    contentLength = -1;
    chunked = false;
    closeToken = false;
    keepAliveToken = false;
    imageLen = null;
    contextBase64 = null;
  }

  /** The status code. */
  int status() {
    return status;
  }

  /** The reason phrase as sent (empty when none); kept only for error statuses. */
  String reasonPhrase() {
    return reasonPhrase == null ? "" : reasonPhrase;
  }

  /** The declared body length, or -1 when none was declared. */
  long contentLength() {
    return contentLength;
  }

  boolean chunked() {
    return chunked;
  }

  /** Whether the server lets the connection be reused (HTTP/1.1 default, or HTTP/1.0 opt-in). */
  boolean keepAlive() {
    return http11 ? !closeToken : keepAliveToken;
  }

  /** The {@code ImageLen} header's value, or null. */
  String imageLen() {
    return imageLen;
  }

  /** The {@code ContextBase64utf} header's value, or null. */
  String contextBase64() {
    return contextBase64;
  }

  /** Whether a response with this status never has a body (RFC 9110: 1xx, 204, 304). */
  boolean hasNoBody() {
    return status < 200 || status == 204 || status == 304;
  }

  /**
   * Reads the status line {@code HTTP/1.x SSS reason} from {@code buf[start, end)}.
   *
   * @throws InvalidResponseException when it is not one
   */
  void statusLine(ByteBuf buf, int start, int end) {
    clear();
    if (end - start < 12
        || !startsWith(buf, start, "HTTP/1.")
        || !isDigit(buf.getByte(start + 7))
        || buf.getByte(start + 8) != ' ') {
      throw invalid("status line is not 'HTTP/1.x <code> <reason>'", buf, start, end);
    }
    http11 = buf.getByte(start + 7) != '0';
    int code = 0;
    for (int i = start + 9; i < start + 12; i++) {
      byte b = buf.getByte(i);
      if (!isDigit(b)) {
        throw invalid("status code is not three digits", buf, start, end);
      }
      code = code * 10 + (b - '0');
    }
    if (end > start + 12 && buf.getByte(start + 12) != ' ') {
      throw invalid("status code is not three digits", buf, start, end);
    }
    status = code;
    if (code != 200 && end > start + 13) {
      reasonPhrase =
          buf.toString(start + 13, end - start - 13, StandardCharsets.ISO_8859_1).strip();
    }
  }

  /**
   * Reads one header line {@code name: value} from {@code buf[start, end)}; headers the client does
   * not use are skipped without being copied.
   *
   * @throws InvalidResponseException when the line is not a header
   */
  void headerLine(ByteBuf buf, int start, int end) {
    int colon = buf.indexOf(start, end, (byte) ':');
    if (colon <= start
        || isWhitespace(buf.getByte(colon - 1))
        || isWhitespace(buf.getByte(start))) {
      throw invalid("header line is not 'Name: value'", buf, start, end);
    }
    int from = colon + 1;
    int to = end;
    while (from < to && isWhitespace(buf.getByte(from))) {
      from++;
    }
    while (to > from && isWhitespace(buf.getByte(to - 1))) {
      to--;
    }
    if (nameIs(buf, start, colon, CONTENT_LENGTH)) {
      contentLength(buf, from, to);
    } else if (nameIs(buf, start, colon, TRANSFER_ENCODING)) {
      transferEncoding(buf, from, to);
    } else if (nameIs(buf, start, colon, CONNECTION)) {
      closeToken |= containsToken(buf, from, to, CLOSE);
      keepAliveToken |= containsToken(buf, from, to, KEEP_ALIVE);
    } else if (nameIs(buf, start, colon, IMAGE_LEN)) {
      imageLen = buf.toString(from, to - from, StandardCharsets.ISO_8859_1);
    } else if (nameIs(buf, start, colon, CONTEXT_HEADER)) {
      contextBase64 = buf.toString(from, to - from, StandardCharsets.ISO_8859_1);
    }
  }

  private void contentLength(ByteBuf buf, int from, int to) {
    if (from == to || to - from > 18) {
      throw invalid("Content-Length is not a number", buf, from, to);
    }
    long length = 0;
    for (int i = from; i < to; i++) {
      byte b = buf.getByte(i);
      if (!isDigit(b)) {
        throw invalid("Content-Length is not a number", buf, from, to);
      }
      length = length * 10 + (b - '0');
    }
    if (contentLength >= 0 && contentLength != length) {
      throw invalid("two different Content-Length headers", buf, from, to);
    }
    contentLength = length;
  }

  private void transferEncoding(ByteBuf buf, int from, int to) {
    // Only chunked is supported, and it must be the last coding (RFC 9112 6.3).
    int last = to - CHUNKED.length;
    if (last < from
        || !regionIs(buf, last, to, CHUNKED)
        || (last > from && !isDelimiter(buf, last))) {
      throw invalid("unsupported Transfer-Encoding (only chunked is)", buf, from, to);
    }
    chunked = true;
  }

  private static boolean isDelimiter(ByteBuf buf, int tokenStart) {
    for (int i = tokenStart - 1; ; i--) {
      byte b = buf.getByte(i);
      if (b == ',') {
        return true;
      }
      if (!isWhitespace(b)) {
        return false;
      }
    }
  }

  /** Whether the comma-separated list in {@code buf[from, to)} holds {@code token}. */
  private static boolean containsToken(ByteBuf buf, int from, int to, byte[] token) {
    int i = from;
    while (i < to) {
      int comma = buf.indexOf(i, to, (byte) ',');
      int itemEnd = comma < 0 ? to : comma;
      int s = i;
      int e = itemEnd;
      while (s < e && isWhitespace(buf.getByte(s))) {
        s++;
      }
      while (e > s && isWhitespace(buf.getByte(e - 1))) {
        e--;
      }
      if (regionIs(buf, s, e, token)) {
        return true;
      }
      i = itemEnd + 1;
    }
    return false;
  }

  private static boolean nameIs(ByteBuf buf, int start, int end, byte[] lowerName) {
    return regionIs(buf, start, end, lowerName);
  }

  /** ASCII case-insensitive comparison of {@code buf[start, end)} with a lower-case name. */
  private static boolean regionIs(ByteBuf buf, int start, int end, byte[] lower) {
    if (end - start != lower.length) {
      return false;
    }
    for (int i = 0; i < lower.length; i++) {
      byte b = buf.getByte(start + i);
      if (b >= 'A' && b <= 'Z') {
        b += 'a' - 'A';
      }
      if (b != lower[i]) {
        return false;
      }
    }
    return true;
  }

  private static boolean startsWith(ByteBuf buf, int start, String prefix) {
    for (int i = 0; i < prefix.length(); i++) {
      if (buf.getByte(start + i) != prefix.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private static boolean isDigit(byte b) {
    return b >= '0' && b <= '9';
  }

  static boolean isWhitespace(byte b) {
    return b == ' ' || b == '\t';
  }

  private static byte[] lower(String name) {
    return name.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
  }

  /** An error quoting the start of the offending text, printable ASCII only. */
  static InvalidResponseException invalid(String what, ByteBuf buf, int start, int end) {
    StringBuilder quote = new StringBuilder(what).append(": '");
    int n = Math.min(end - start, MAX_QUOTE);
    for (int i = 0; i < n; i++) {
      byte b = buf.getByte(start + i);
      quote.append(b >= 0x20 && b < 0x7f ? (char) b : '?');
    }
    return new InvalidResponseException(quote.append(end - start > n ? "…'" : "'").toString());
  }
}
