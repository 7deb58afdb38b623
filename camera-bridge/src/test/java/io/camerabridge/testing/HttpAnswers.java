package io.camerabridge.testing;

import io.camerabridge.testing.HttpPeer.After;
import io.camerabridge.testing.HttpPeer.Responder;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Scripts for {@link HttpPeer}: what to write for a request and what to do with the connection
 * afterwards. Byte-level on purpose: tests feed the client broken framing no real server sends.
 */
public final class HttpAnswers {
  private HttpAnswers() {}

  /** A complete response with Content-Length; {@code headers} are written as given. */
  public static byte[] response(
      int status, String reason, Map<String, String> headers, byte[] body) {
    StringBuilder head = new StringBuilder("HTTP/1.1 ").append(status).append(' ').append(reason);
    head.append("\r\n");
    headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
    head.append("Content-Length: ").append(body.length).append("\r\n\r\n");
    return concat(head.toString().getBytes(StandardCharsets.ISO_8859_1), body);
  }

  /** Writes {@code bytes} and keeps the connection open. */
  public static Responder bytes(byte[] bytes) {
    return (request, out) -> {
      out.write(bytes);
      return After.KEEP_OPEN;
    };
  }

  /** 200 with a JSON body. */
  public static Responder json(String json) {
    return bytes(
        response(
            200,
            "OK",
            Map.of("Content-Type", "application/json"),
            json.getBytes(StandardCharsets.UTF_8)));
  }

  /** {@code status} with a plain-text body. */
  public static Responder status(int status, String reason, String body) {
    return bytes(
        response(
            status,
            reason,
            Map.of("Content-Type", "text/plain"),
            body.getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * 200 with {@code chunks} as a chunked body (Transfer-Encoding: chunked, then the last chunk).
   */
  public static Responder chunked(String contentType, List<byte[]> chunks) {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    all.writeBytes(
        ("HTTP/1.1 200 OK\r\nContent-Type: "
                + contentType
                + "\r\nTransfer-Encoding: chunked\r\n\r\n")
            .getBytes(StandardCharsets.ISO_8859_1));
    for (byte[] chunk : chunks) {
      all.writeBytes(
          (Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
      all.writeBytes(chunk);
      all.writeBytes(new byte[] {'\r', '\n'});
    }
    all.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    return bytes(all.toByteArray());
  }

  /** Writes {@code bytes}, then closes the connection (a FIN). */
  public static Responder thenClose(byte[] bytes) {
    return (request, out) -> {
      out.write(bytes);
      return After.CLOSE;
    };
  }

  /** Answers nothing and closes the connection. */
  public static Responder close() {
    return thenClose(new byte[0]);
  }

  /** Answers nothing and resets the connection (RST): the client's next write fails at once. */
  public static Responder reset() {
    return (request, out) -> After.RESET;
  }

  /** Answers nothing until the peer closes: a hung server. */
  public static Responder hang() {
    return (request, out) -> {
      // The peer's close interrupts its connection threads.
      new CountDownLatch(1).await();
      return After.CLOSE;
    };
  }

  /** A slow server: {@code then} answers after {@code delay} (cut short when the peer closes). */
  public static Responder delayed(Duration delay, Responder then) {
    return (request, out) -> {
      new CountDownLatch(1).await(delay.toNanos(), TimeUnit.NANOSECONDS);
      return then.respond(request, out);
    };
  }

  /**
   * The first accepted connection is answered by {@code scripts[0]}, the second by {@code
   * scripts[1]}, …; connections after the last script are answered by the last one.
   */
  public static Responder perConnection(Responder... scripts) {
    return (request, out) ->
        scripts[Math.min(request.connection(), scripts.length) - 1].respond(request, out);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] all = new byte[a.length + b.length];
    System.arraycopy(a, 0, all, 0, a.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }
}
