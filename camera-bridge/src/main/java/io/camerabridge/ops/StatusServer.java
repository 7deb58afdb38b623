package io.camerabridge.ops;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves {@code /metrics} (Prometheus text, or OpenMetrics when the scraper asks for it), {@code
 * /health} (per-camera JSON; 200 when every enabled camera streams, else 503) and {@code /ready}
 * (200 once {@link #markReady()} was called). It runs on the JDK's HTTP server with one thread of
 * its own, so a slow scraper never touches the acquisition thread or the upload event loop.
 */
public final class StatusServer implements AutoCloseable {

  /** The default listen address: local only, since the endpoints carry no authentication. */
  public static final InetSocketAddress DEFAULT_ADDRESS = new InetSocketAddress("127.0.0.1", 9400);

  static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
  static final String OPENMETRICS_TEXT =
      "application/openmetrics-text; version=1.0.0; charset=utf-8";
  private static final String JSON = "application/json; charset=utf-8";

  private static final Logger log = LoggerFactory.getLogger(StatusServer.class);

  private final InetSocketAddress requested;
  private final PrometheusMeterRegistry registry;
  private final HealthSource health;
  private final AtomicBoolean ready = new AtomicBoolean();
  private final AtomicBoolean closed = new AtomicBoolean();
  private HttpServer server;
  private ExecutorService executor;

  public StatusServer(
      InetSocketAddress address, PrometheusMeterRegistry registry, HealthSource health) {
    this.requested = Objects.requireNonNull(address, "address");
    this.registry = Objects.requireNonNull(registry, "registry");
    this.health = Objects.requireNonNull(health, "health");
  }

  /**
   * Binds the address and starts serving.
   *
   * @throws UncheckedIOException naming the address when it cannot be bound
   */
  public synchronized void start() {
    if (server != null) {
      throw new IllegalStateException("The status server is already started");
    }
    HttpServer http;
    try {
      http = HttpServer.create(requested, 16);
    } catch (BindException e) {
      throw new UncheckedIOException(
          "Cannot listen on "
              + hostPort(requested)
              + " for /metrics and /health: "
              + e.getMessage()
              + ". Another process uses this port; choose another metrics listen address in the"
              + " configuration.",
          e);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot listen on " + hostPort(requested) + " for /metrics and /health: " + e, e);
    }
    executor =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "status-http");
              t.setDaemon(true);
              return t;
            });
    http.setExecutor(executor);
    http.createContext("/", this::handle);
    http.start();
    server = http;
    log.info("Serving /metrics, /health and /ready on http://{}/", hostPort(address()));
  }

  /** The bound address (with the real port when port 0 was requested). */
  public synchronized InetSocketAddress address() {
    if (server == null) {
      throw new IllegalStateException("The status server is not started");
    }
    return server.getAddress();
  }

  /** From now on {@code /ready} answers 200: every camera pipeline has started. */
  public void markReady() {
    ready.set(true);
  }

  /** From now on {@code /ready} answers 503 again, e.g. when shutdown begins. */
  public void markNotReady() {
    ready.set(false);
  }

  /** Stops serving; idempotent. Requests in progress are cut off. */
  @Override
  public synchronized void close() {
    if (!closed.compareAndSet(false, true) || server == null) {
      return;
    }
    server.stop(0);
    executor.shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod();
      boolean head = "HEAD".equals(method);
      if (!head && !"GET".equals(method)) {
        exchange.getResponseHeaders().set("Allow", "GET, HEAD");
        send(exchange, 405, "text/plain; charset=utf-8", "Only GET and HEAD are served.\n", head);
        return;
      }
      switch (exchange.getRequestURI().getPath()) {
        case "/metrics":
          metrics(exchange, head);
          break;
        case "/health":
          HealthReport report = HealthReport.of(health.cameras());
          send(exchange, report.healthy() ? 200 : 503, JSON, report.toJson(), head);
          break;
        case "/ready":
          boolean isReady = ready.get();
          send(exchange, isReady ? 200 : 503, JSON, "{\"ready\":" + isReady + "}\n", head);
          break;
        case "/":
          send(exchange, 200, "text/plain; charset=utf-8", "/metrics\n/health\n/ready\n", head);
          break;
        default:
          send(
              exchange,
              404,
              "text/plain; charset=utf-8",
              "Try /metrics, /health or /ready.\n",
              head);
      }
    } catch (RuntimeException | IOException e) {
      // A scraper that hangs up mid-response is normal; anything else is worth one line.
      log.warn("Status request {} failed: {}", exchange.getRequestURI().getPath(), e.toString());
    }
  }

  private void metrics(HttpExchange exchange, boolean head) throws IOException {
    String contentType = negotiate(exchange.getRequestHeaders().getFirst("Accept"));
    exchange.getResponseHeaders().set("Content-Type", contentType);
    if (head) {
      exchange.sendResponseHeaders(200, -1);
      return;
    }
    exchange.sendResponseHeaders(200, 0);
    try (OutputStream body = exchange.getResponseBody()) {
      registry.scrape(body, contentType);
    }
  }

  /** OpenMetrics only when the scraper lists it; Prometheus text otherwise. */
  static String negotiate(String accept) {
    if (accept != null
        && accept.toLowerCase(Locale.ROOT).contains("application/openmetrics-text")) {
      return OPENMETRICS_TEXT;
    }
    return PROMETHEUS_TEXT;
  }

  private static void send(
      HttpExchange exchange, int status, String contentType, String body, boolean head)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    if (head) {
      exchange.sendResponseHeaders(status, -1);
      return;
    }
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static String hostPort(InetSocketAddress address) {
    String host =
        address.getAddress() != null
            ? address.getAddress().getHostAddress()
            : address.getHostString();
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort();
  }
}
