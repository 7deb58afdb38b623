package io.camerabridge.tools.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A tiny blocking HTTP/1.1 server for the harness's own tests: reads each request's body by
 * Content-Length, discards it and answers 200 with PEKAT's bare context. One thread per connection,
 * keep-alive, ephemeral port on loopback.
 */
final class DiscardHttpServer implements AutoCloseable {

  private static final byte[] BODY =
      ("{\"error\":false,\"imageShape\":{\"height\":1,\"width\":1},\"processingTime\":0.0,"
              + "\"save\":false,\"processing\":false}")
          .getBytes(StandardCharsets.US_ASCII);

  private final ServerSocket server;
  private final AtomicLong requests = new AtomicLong();
  private final int status;

  DiscardHttpServer() throws IOException {
    this(200);
  }

  /** A server that answers every request with {@code status}. */
  DiscardHttpServer(int status) throws IOException {
    this.status = status;
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::acceptLoop, "discard-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  String url() {
    return "http://" + server.getInetAddress().getHostAddress() + ":" + server.getLocalPort();
  }

  long requests() {
    return requests.get();
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket socket = server.accept();
        Thread t = new Thread(() -> serve(socket), "discard-conn");
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket socket) {
    try (socket;
        InputStream in = new BufferedInputStream(socket.getInputStream(), 65536);
        OutputStream out = socket.getOutputStream()) {
      byte[] discard = new byte[65536];
      while (true) {
        long length = readHead(in);
        if (length < 0) {
          return;
        }
        while (length > 0) {
          int n = in.read(discard, 0, (int) Math.min(discard.length, length));
          if (n < 0) {
            return;
          }
          length -= n;
        }
        requests.incrementAndGet();
        out.write(
            ("HTTP/1.1 "
                    + status
                    + " X\r\nContent-Type: application/json\r\nContent-Length: "
                    + BODY.length
                    + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.write(BODY);
        out.flush();
      }
    } catch (IOException e) {
      // The client went away; nothing to clean up beyond the socket.
    }
  }

  /** Reads one request head; returns its Content-Length, or -1 at end of stream. */
  private static long readHead(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    long length = 0;
    boolean any = false;
    while (true) {
      int b = in.read();
      if (b < 0) {
        return -1;
      }
      any = true;
      if (b == '\n') {
        String text = line.toString().trim();
        if (text.isEmpty() && any) {
          return length;
        }
        if (text.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
          length = Long.parseLong(text.substring("content-length:".length()).trim());
        }
        line.setLength(0);
      } else {
        line.append((char) b);
      }
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
