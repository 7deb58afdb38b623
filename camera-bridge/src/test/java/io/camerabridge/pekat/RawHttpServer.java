package io.camerabridge.pekat;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A deliberately primitive HTTP/1.1 server on a real loopback socket (ephemeral port): it records
 * every request byte for byte and answers with whatever raw bytes a test's {@link Responder}
 * writes, so tests can check exactly what the client put on the wire and feed it broken responses.
 */
final class RawHttpServer implements AutoCloseable {

  /** What to do with the connection after a response. */
  enum After {
    KEEP_OPEN,
    CLOSE,
    /** Close with a TCP reset (SO_LINGER 0): the client's next write on it fails at once. */
    RESET
  }

  /** Answers one request by writing raw bytes (or nothing). */
  @FunctionalInterface
  interface Responder {
    After respond(ReceivedRequest request, OutputStream out) throws Exception;
  }

  /** One request as received. Header names are lower-cased. */
  record ReceivedRequest(
      int connection,
      int indexOnConnection,
      String method,
      String target,
      Map<String, String> headers,
      byte[] body,
      int bodyPending) {

    String path() {
      int q = target.indexOf('?');
      return q < 0 ? target : target.substring(0, q);
    }

    String rawQuery() {
      int q = target.indexOf('?');
      return q < 0 ? "" : target.substring(q + 1);
    }

    /** Decoded query parameters in order; a bare flag maps to "". */
    Map<String, String> query() {
      Map<String, String> out = new LinkedHashMap<>();
      if (rawQuery().isEmpty()) {
        return out;
      }
      for (String part : rawQuery().split("&")) {
        int eq = part.indexOf('=');
        String name = eq < 0 ? part : part.substring(0, eq);
        String value =
            eq < 0 ? "" : URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8);
        out.put(name, value);
      }
      return out;
    }
  }

  private final ServerSocket server;
  private final Responder responder;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final BlockingQueue<ReceivedRequest> requests = new LinkedBlockingQueue<>();
  private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
  private final AtomicInteger connections = new AtomicInteger();
  private final CountDownLatch closing = new CountDownLatch(1);
  private final AtomicInteger closedByClient = new AtomicInteger();
  private final AtomicInteger resetsSent = new AtomicInteger();
  private volatile boolean answerBeforeBody;

  private final String scheme;

  private RawHttpServer(Responder responder, ServerSocket unbound, String scheme)
      throws IOException {
    this.responder = responder;
    this.scheme = scheme;
    this.server = unbound;
    server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    threads.execute(this::acceptLoop);
  }

  static RawHttpServer start(Responder responder) throws IOException {
    return new RawHttpServer(responder, new ServerSocket(), "http");
  }

  /** The same server behind TLS, with the certificate {@code tls} provides. */
  static RawHttpServer startTls(Responder responder, javax.net.ssl.SSLContext tls)
      throws IOException {
    return new RawHttpServer(responder, tls.getServerSocketFactory().createServerSocket(), "https");
  }

  URI uri() {
    return URI.create(
        scheme + "://" + server.getInetAddress().getHostAddress() + ":" + server.getLocalPort());
  }

  /**
   * A server whose responder runs as soon as a request's head has arrived, before its body is read
   * (the request it gets has an empty body); the body is read, and thrown away, after the answer.
   * Its receive buffer is fixed at {@value #SMALL_RECEIVE_BUFFER} bytes, so a body larger than that
   * plus the client's send buffer (at most {@code net.ipv4.tcp_wmem}'s maximum, 4 MiB by default)
   * cannot have left the client when the answer arrives.
   */
  static RawHttpServer startAnsweringBeforeBody(Responder responder) throws IOException {
    ServerSocket socket = new ServerSocket();
    // Set before bind: accepted sockets inherit it, and a set size stops the kernel's autotuning.
    socket.setReceiveBufferSize(SMALL_RECEIVE_BUFFER);
    RawHttpServer server = new RawHttpServer(responder, socket, "http");
    server.answerBeforeBody = true;
    return server;
  }

  static final int SMALL_RECEIVE_BUFFER = 16 * 1024;

  /** Connections the server closed with {@link After#RESET} so far. */
  int resetsSent() {
    return resetsSent.get();
  }

  /** Connections the client closed (end of stream between requests). */
  int connectionsClosedByClient() {
    return closedByClient.get();
  }

  /** The next request received, waiting up to 10 s. */
  ReceivedRequest nextRequest() throws InterruptedException {
    ReceivedRequest request = requests.poll(10, TimeUnit.SECONDS);
    if (request == null) {
      throw new AssertionError("the server received no request within 10 s");
    }
    return request;
  }

  List<ReceivedRequest> receivedSoFar() {
    return List.copyOf(requests);
  }

  int connectionCount() {
    return connections.get();
  }

  /** Blocks a responder until the server closes: a hung server. */
  void hangUntilClosed() throws InterruptedException {
    closing.await();
  }

  @Override
  public void close() throws IOException {
    closing.countDown();
    server.close();
    for (Socket socket : sockets) {
      socket.close();
    }
    threads.shutdownNow();
    try {
      threads.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket socket = server.accept();
        sockets.add(socket);
        int id = connections.incrementAndGet();
        threads.execute(() -> serve(socket, id));
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket socket, int connection) {
    try (socket) {
      InputStream in = new BufferedInputStream(socket.getInputStream());
      OutputStream out = socket.getOutputStream();
      for (int index = 1; ; index++) {
        ReceivedRequest request = read(in, connection, index);
        if (request == null) {
          closedByClient.incrementAndGet();
          return;
        }
        requests.add(request);
        After after = responder.respond(request, out);
        out.flush();
        if (request.bodyPending() > 0) {
          in.skipNBytes(request.bodyPending());
        }
        if (after == After.RESET) {
          socket.setSoLinger(true, 0);
          socket.close();
          resetsSent.incrementAndGet();
          return;
        }
        if (after == After.CLOSE) {
          return;
        }
      }
    } catch (SocketException | EOFException e) {
      // The client closed or reset the connection: normal for timeout and close tests.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      throw new IllegalStateException("test server failed", e);
    } finally {
      sockets.remove(socket);
    }
  }

  private ReceivedRequest read(InputStream in, int connection, int index) throws IOException {
    String head = readHead(in);
    if (head == null) {
      return null;
    }
    String[] lines = head.split("\r\n");
    String[] requestLine = lines[0].split(" ");
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      headers.put(
          lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
          lines[i].substring(colon + 1).trim());
    }
    int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
    if (answerBeforeBody) {
      return new ReceivedRequest(
          connection, index, requestLine[0], requestLine[1], headers, new byte[0], length);
    }
    byte[] body = in.readNBytes(length);
    if (body.length != length) {
      throw new EOFException("body ended after " + body.length + " of " + length + " bytes");
    }
    return new ReceivedRequest(connection, index, requestLine[0], requestLine[1], headers, body, 0);
  }

  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    int b;
    while ((b = in.read()) != -1) {
      head.write(b);
      matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
      if (matched == 4) {
        String text = head.toString(StandardCharsets.ISO_8859_1);
        return text.substring(0, text.length() - 4);
      }
    }
    if (head.size() == 0) {
      return null;
    }
    throw new EOFException("connection closed inside a request head");
  }

  // ---- response helpers ----

  /** A complete response with Content-Length; {@code headers} are written as given. */
  static byte[] response(int status, String reason, Map<String, String> headers, byte[] body) {
    StringBuilder head = new StringBuilder("HTTP/1.1 ").append(status).append(' ').append(reason);
    head.append("\r\n");
    headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
    head.append("Content-Length: ").append(body.length).append("\r\n\r\n");
    byte[] h = head.toString().getBytes(StandardCharsets.ISO_8859_1);
    byte[] all = new byte[h.length + body.length];
    System.arraycopy(h, 0, all, 0, h.length);
    System.arraycopy(body, 0, all, h.length, body.length);
    return all;
  }

  static Responder json(String json) {
    byte[] bytes =
        response(
            200,
            "OK",
            Map.of("Content-Type", "application/json"),
            json.getBytes(StandardCharsets.UTF_8));
    return (request, out) -> {
      out.write(bytes);
      return After.KEEP_OPEN;
    };
  }

  static Responder status(int status, String reason, String body) {
    byte[] bytes =
        response(
            status,
            reason,
            Map.of("Content-Type", "text/plain"),
            body.getBytes(StandardCharsets.UTF_8));
    return (request, out) -> {
      out.write(bytes);
      return After.KEEP_OPEN;
    };
  }
}
