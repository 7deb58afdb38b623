package io.camerabridge.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP server on a free loopback port that records every POSTed body, answering 204, or 500 for
 * the next {@link #failNext(int)} requests.
 */
public final class WebhookReceiver implements AutoCloseable {
  private final HttpServer server;
  private final List<String> bodies = new CopyOnWriteArrayList<>();
  private final AtomicInteger failures = new AtomicInteger();
  private final AtomicInteger requests = new AtomicInteger();
  private boolean closed;

  private WebhookReceiver(HttpServer server) {
    this.server = server;
  }

  public static WebhookReceiver start() throws IOException {
    return start(0);
  }

  /** Starts on {@code port} (0: a free one), e.g. again on the port of one that went away. */
  public static WebhookReceiver start(int port) throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    WebhookReceiver r = new WebhookReceiver(server);
    server.createContext(
        "/verdicts",
        exchange -> {
          try (InputStream in = exchange.getRequestBody()) {
            String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            r.requests.incrementAndGet();
            if (r.failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
              exchange.sendResponseHeaders(500, -1);
            } else {
              r.bodies.add(body);
              exchange.sendResponseHeaders(204, -1);
            }
          } finally {
            exchange.close();
          }
        });
    server.start();
    return r;
  }

  /** The URL outputs POST to. */
  public URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/verdicts");
  }

  /** Bodies answered 204, in arrival order. */
  public List<String> bodies() {
    return List.copyOf(bodies);
  }

  /** Requests received, including failed ones. */
  public int requests() {
    return requests.get();
  }

  /** Answers the next {@code n} requests with 500. */
  public void failNext(int n) {
    failures.set(n);
  }

  @Override
  public synchronized void close() {
    if (!closed) {
      closed = true;
      server.stop(0);
    }
  }
}
