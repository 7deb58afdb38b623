package io.camerabridge.testing;

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
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;

/**
 * The one scriptable HTTP/1.1 peer of the tests: a deliberately primitive server on a real loopback
 * socket, bound to port 0. It records every request byte for byte and answers with whatever raw
 * bytes the test's {@link Responder} writes ({@link HttpAnswers} has the usual scripts: JSON, a
 * status, chunked, close, reset, hang, delay, one script per connection), so tests check exactly
 * what a client put on the wire and feed it responses no real server would send.
 *
 * <pre>{@code
 * try (HttpPeer peer = HttpPeer.start(HttpAnswers.perConnection(HttpAnswers.reset(), ok))) {
 *   ... client.send(peer.uri()) ...
 *   assertThat(peer.nextRequest().path()).isEqualTo("/analyze_raw_image");
 * }
 * }</pre>
 */
public final class HttpPeer implements AutoCloseable {

  /** What to do with the connection after a response. */
  public enum After {
    KEEP_OPEN,
    CLOSE,
    /** Close with a TCP reset (SO_LINGER 0): the client's next write on it fails at once. */
    RESET
  }

  /** Answers one request by writing raw bytes (or nothing). */
  @FunctionalInterface
  public interface Responder {
    After respond(ReceivedRequest request, OutputStream out) throws Exception;
  }

  /** The receive buffer of {@link #startAnsweringBeforeBody}. */
  public static final int SMALL_RECEIVE_BUFFER = 16 * 1024;

  private final ServerSocket server;
  private final Responder responder;
  private final String scheme;
  private final long answerAfterBodyBytes;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final BlockingQueue<ReceivedRequest> requests = new LinkedBlockingQueue<>();
  private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
  private final AtomicInteger connections = new AtomicInteger();
  private final AtomicInteger closedByClient = new AtomicInteger();
  private final AtomicInteger resetsSent = new AtomicInteger();

  private HttpPeer(Builder b, Responder responder) throws IOException {
    this.responder = responder;
    this.answerAfterBodyBytes = b.answerAfterBodyBytes;
    this.scheme = b.tls == null ? "http" : "https";
    this.server =
        b.tls == null ? new ServerSocket() : b.tls.getServerSocketFactory().createServerSocket();
    if (b.receiveBuffer > 0) {
      // Set before bind: accepted sockets inherit it, and a set size stops the kernel's autotuning.
      server.setReceiveBufferSize(b.receiveBuffer);
    }
    server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    threads.execute(this::acceptLoop);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Reads each whole request, then lets {@code responder} answer it. */
  public static HttpPeer start(Responder responder) throws IOException {
    return builder().start(responder);
  }

  /** The same peer behind TLS, with the certificate {@code tls} provides. */
  public static HttpPeer startTls(Responder responder, SSLContext tls) throws IOException {
    return builder().tls(tls).start(responder);
  }

  /**
   * A peer whose responder runs as soon as a request's head has arrived, before its body is read;
   * the body is read, and thrown away, after the answer. Its receive buffer is fixed at {@value
   * #SMALL_RECEIVE_BUFFER} bytes, so a body larger than that plus the client's send buffer (at most
   * {@code net.ipv4.tcp_wmem}'s maximum, 4 MiB by default) cannot have left the client when the
   * answer arrives.
   */
  public static HttpPeer startAnsweringBeforeBody(Responder responder) throws IOException {
    return builder().answerAfterBodyBytes(0).receiveBuffer(SMALL_RECEIVE_BUFFER).start(responder);
  }

  public URI uri() {
    return URI.create(
        scheme + "://" + server.getInetAddress().getHostAddress() + ":" + server.getLocalPort());
  }

  public int port() {
    return server.getLocalPort();
  }

  /** The next request received, waiting up to 10 s. */
  public ReceivedRequest nextRequest() throws InterruptedException {
    ReceivedRequest request = requests.poll(10, TimeUnit.SECONDS);
    if (request == null) {
      throw new AssertionError("the peer received no request within 10 s");
    }
    return request;
  }

  /** Requests received and not yet taken by {@link #nextRequest()}, in order of arrival. */
  public List<ReceivedRequest> receivedSoFar() {
    return List.copyOf(requests);
  }

  public int connectionCount() {
    return connections.get();
  }

  /** Connections the client closed (end of stream between requests). */
  public int connectionsClosedByClient() {
    return closedByClient.get();
  }

  /** Connections the peer closed with {@link After#RESET} so far. */
  public int resetsSent() {
    return resetsSent.get();
  }

  @Override
  public void close() throws IOException {
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
        in.skipNBytes(request.bodyPending());
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
      throw new IllegalStateException("test HTTP peer failed", e);
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
    long length = Long.parseLong(headers.getOrDefault("content-length", "0"));
    int before = (int) Math.min(length, answerAfterBodyBytes);
    byte[] body = in.readNBytes(before);
    if (body.length != before) {
      throw new EOFException("body ended after " + body.length + " of " + length + " bytes");
    }
    return new ReceivedRequest(
        connection, index, requestLine[0], requestLine[1], headers, body, length - before);
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

  /** Options of a new peer; defaults: plain HTTP, the whole body read before the answer. */
  public static final class Builder {
    private SSLContext tls;
    private long answerAfterBodyBytes = Long.MAX_VALUE;
    private int receiveBuffer;

    private Builder() {}

    /** Serves HTTPS with the certificate {@code context} provides. */
    public Builder tls(SSLContext context) {
      this.tls = context;
      return this;
    }

    /**
     * Answers once {@code bytes} of a request's body arrived (0: at its head); the rest of the body
     * is read and dropped after the answer ({@link ReceivedRequest#bodyPending()}).
     */
    public Builder answerAfterBodyBytes(long bytes) {
      this.answerAfterBodyBytes = bytes;
      return this;
    }

    /** A fixed socket receive buffer (no kernel autotuning). */
    public Builder receiveBuffer(int bytes) {
      this.receiveBuffer = bytes;
      return this;
    }

    public HttpPeer start(Responder responder) throws IOException {
      return new HttpPeer(this, responder);
    }
  }
}
