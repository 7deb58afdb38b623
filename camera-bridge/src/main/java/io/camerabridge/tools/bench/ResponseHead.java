package io.camerabridge.tools.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Just enough HTTP/1.1 response-head parsing for the socket baseline, done on the bytes in place so
 * that reading a response allocates nothing.
 */
final class ResponseHead {

  private static final byte[] CONTENT_LENGTH =
      "content-length:".getBytes(StandardCharsets.US_ASCII);

  private ResponseHead() {}

  /** Index just past the blank line ending the head in {@code [0, position)}, or -1. */
  static int endOfHead(ByteBuffer buffer) {
    for (int i = 3; i < buffer.position(); i++) {
      if (buffer.get(i) == '\n'
          && buffer.get(i - 1) == '\r'
          && buffer.get(i - 2) == '\n'
          && buffer.get(i - 3) == '\r') {
        return i + 1;
      }
    }
    return -1;
  }

  /** The status code of a head starting {@code HTTP/1.x NNN}. */
  static int status(ByteBuffer buffer) throws IOException {
    if (buffer.position() < 12 || buffer.get(0) != 'H' || buffer.get(8) != ' ') {
      throw new IOException("analyzer did not answer with an HTTP/1.x status line");
    }
    int status = 0;
    for (int i = 9; i < 12; i++) {
      status = status * 10 + digit(buffer.get(i));
    }
    return status;
  }

  /** The Content-Length header's value; chunked responses are not supported. */
  static long contentLength(ByteBuffer buffer, int headEnd) throws IOException {
    for (int line = 0; line < headEnd; line = nextLine(buffer, line, headEnd)) {
      if (startsWithIgnoreCase(buffer, line, headEnd)) {
        int i = line + CONTENT_LENGTH.length;
        while (buffer.get(i) == ' ') {
          i++;
        }
        long value = 0;
        while (buffer.get(i) >= '0' && buffer.get(i) <= '9') {
          value = value * 10 + digit(buffer.get(i++));
        }
        return value;
      }
    }
    throw new IOException(
        "analyzer response has no Content-Length; the socket baseline needs Content-Length framing");
  }

  private static int nextLine(ByteBuffer buffer, int from, int headEnd) {
    for (int i = from; i < headEnd; i++) {
      if (buffer.get(i) == '\n') {
        return i + 1;
      }
    }
    return headEnd;
  }

  private static boolean startsWithIgnoreCase(ByteBuffer buffer, int at, int headEnd) {
    if (at + CONTENT_LENGTH.length > headEnd) {
      return false;
    }
    for (int k = 0; k < CONTENT_LENGTH.length; k++) {
      if (Character.toLowerCase(buffer.get(at + k)) != CONTENT_LENGTH[k]) {
        return false;
      }
    }
    return true;
  }

  private static int digit(byte b) throws IOException {
    if (b < '0' || b > '9') {
      throw new IOException("malformed number in the analyzer's response head");
    }
    return b - '0';
  }
}
