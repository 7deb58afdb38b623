package io.camerabridge.tools.sim;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A deliberately small HTTP/1.1 client on a plain socket, so tests see exactly what went over the
 * wire: the status line, the headers as sent, and how many body bytes arrived before the server
 * stopped. Not for production: no chunked encoding, no redirects.
 */
final class RawHttp implements AutoCloseable {
  /** One response as read from the socket. */
  record Response(
      int status, Map<String, String> headers, byte[] body, boolean complete, boolean eof) {
    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }

    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }

    int contentLength() {
      return Integer.parseInt(header("content-length"));
    }
  }

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;

  RawHttp(InetSocketAddress address, int readTimeoutMillis) throws IOException {
    socket = new Socket();
    socket.connect(address, 5000);
    socket.setSoTimeout(readTimeoutMillis);
    in = socket.getInputStream();
    out = socket.getOutputStream();
  }

  /** Sends one request with a Content-Length body (none for an empty array or null). */
  void send(String method, String target, byte[] body) throws IOException {
    StringBuilder head = new StringBuilder();
    head.append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
    head.append("Host: localhost\r\n");
    if (body != null) {
      head.append("Content-Type: application/octet-stream\r\n");
      head.append("Content-Length: ").append(body.length).append("\r\n");
    }
    head.append("\r\n");
    out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
    if (body != null) {
      out.write(body);
    }
    out.flush();
  }

  /**
   * Reads a response. Status 0 means the connection ended before a status line. {@code complete} is
   * false when the connection ended before Content-Length bytes arrived; {@code head} says the
   * response has no body whatever Content-Length says.
   */
  Response read(boolean head) throws IOException {
    String statusLine = line();
    if (statusLine == null) {
      return new Response(0, Map.of(), new byte[0], false, true);
    }
    int status = Integer.parseInt(statusLine.split(" ")[1]);
    Map<String, String> headers = new LinkedHashMap<>();
    String line;
    while ((line = line()) != null && !line.isEmpty()) {
      int colon = line.indexOf(':');
      headers.put(
          line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
          line.substring(colon + 1).trim());
    }
    if (line == null) {
      return new Response(status, headers, new byte[0], false, true);
    }
    int length = head ? 0 : Integer.parseInt(headers.getOrDefault("content-length", "0"));
    byte[] body = in.readNBytes(length);
    return new Response(status, headers, body, body.length == length, body.length < length);
  }

  /** Reads exactly {@code n} bytes, whatever they are. */
  byte[] readExactly(int n) throws IOException {
    return in.readNBytes(n);
  }

  /** Reads until the server closes the connection; the bytes that came. */
  byte[] readToEnd() throws IOException {
    return in.readAllBytes();
  }

  private String line() throws IOException {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    int c;
    while ((c = in.read()) != -1) {
      if (c == '\n') {
        String s = buf.toString(StandardCharsets.US_ASCII);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
      }
      buf.write(c);
    }
    return buf.size() == 0 ? null : buf.toString(StandardCharsets.US_ASCII);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
