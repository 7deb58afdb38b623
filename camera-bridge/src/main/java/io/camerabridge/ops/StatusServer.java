package io.camerabridge.ops;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.stream.ChunkedWriteHandler;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.handler.timeout.WriteTimeoutHandler;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves {@code /metrics} (Prometheus text, or OpenMetrics when the scraper asks for it), {@code
 * /health} (per-camera JSON; 200 when every enabled camera streams, else 503), {@code /ready} (200
 * once {@link #markReady()} was called) and whatever {@link StatusRoutes} add (the console).
 *
 * <p>It runs on a Netty event loop of its own (one thread, NIO), never the PEKAT client's, so a
 * slow page never delays a frame. One slow or hostile client cannot blind it: connections are
 * served concurrently, a connection that sends no complete request within {@code readTimeout} is
 * closed, a response the client does not read within {@code writeTimeout} is cut, and at most
 * {@code maxConnections} connections are open at once.
 */
public final class StatusServer implements AutoCloseable {

  /** The default listen address: local only, since the endpoints carry no authentication. */
  public static final InetSocketAddress DEFAULT_ADDRESS = new InetSocketAddress("127.0.0.1", 9400);

  static final String PROMETHEUS_TEXT = StatusHandler.PROMETHEUS_TEXT;
  static final String OPENMETRICS_TEXT = StatusHandler.OPENMETRICS_TEXT;

  /** Limits of one status connection. */
  public record Limits(Duration readTimeout, Duration writeTimeout, int maxConnections) {
    /** A request within 10 s, a response read within 30 s, 64 connections. */
    public static final Limits DEFAULT =
        new Limits(Duration.ofSeconds(10), Duration.ofSeconds(30), 64);
  }

  private static final Logger log = LoggerFactory.getLogger(StatusServer.class);
  private static final int MAX_LINE = 4096;
  private static final int MAX_HEADERS = 16 * 1024;
  private static final int MAX_BODY = 16 * 1024;

  private final InetSocketAddress requested;
  private final PrometheusMeterRegistry registry;
  private final HealthSource health;
  private final StatusRoutes routes;
  private final Limits limits;
  private final AtomicBoolean ready = new AtomicBoolean();
  private final AtomicBoolean closed = new AtomicBoolean();
  private EventLoopGroup group;
  private ChannelGroup connections;
  private Channel server;

  public StatusServer(
      InetSocketAddress address, PrometheusMeterRegistry registry, HealthSource health) {
    this(address, registry, health, StatusRoutes.NONE, Limits.DEFAULT);
  }

  /**
   * @param routes pages besides /metrics, /health and /ready
   * @param limits time-outs and the connection cap
   */
  public StatusServer(
      InetSocketAddress address,
      PrometheusMeterRegistry registry,
      HealthSource health,
      StatusRoutes routes,
      Limits limits) {
    this.requested = Objects.requireNonNull(address, "address");
    this.registry = Objects.requireNonNull(registry, "registry");
    this.health = Objects.requireNonNull(health, "health");
    this.routes = Objects.requireNonNull(routes, "routes");
    this.limits = Objects.requireNonNull(limits, "limits");
  }

  /**
   * Binds the address and starts serving.
   *
   * @throws UncheckedIOException naming the address when it cannot be bound
   */
  public synchronized void start() {
    if (server != null || group != null) {
      throw new IllegalStateException("The status server is already started");
    }
    group =
        new MultiThreadIoEventLoopGroup(
            1,
            r -> {
              Thread t = new Thread(r, "status-http");
              t.setDaemon(true);
              return t;
            },
            NioIoHandler.newFactory());
    connections = new DefaultChannelGroup("status", group.next());
    StatusHandler handler = new StatusHandler(registry, health, ready::get, routes);
    ConnectionGuard guard = new ConnectionGuard(limits.maxConnections());
    ServerBootstrap bootstrap =
        new ServerBootstrap()
            .group(group)
            .channel(NioServerSocketChannel.class)
            .option(ChannelOption.SO_BACKLOG, 64)
            .childHandler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel ch) {
                    connections.add(ch);
                    ChannelPipeline p = ch.pipeline();
                    p.addLast(guard.limiter());
                    p.addLast(
                        new IdleStateHandler(
                            limits.readTimeout().toMillis(), 0, 0, TimeUnit.MILLISECONDS));
                    p.addLast(ConnectionGuard.readTimeout());
                    p.addLast(
                        new WriteTimeoutHandler(
                            limits.writeTimeout().toMillis(), TimeUnit.MILLISECONDS));
                    p.addLast(new HttpServerCodec(MAX_LINE, MAX_HEADERS, 8192));
                    p.addLast(new HttpObjectAggregator(MAX_BODY));
                    p.addLast(new ChunkedWriteHandler());
                    p.addLast(handler);
                  }
                });
    var bound = bootstrap.bind(requested).awaitUninterruptibly();
    if (!bound.isSuccess()) {
      shutdownGroup();
      throw bindFailure(bound.cause());
    }
    server = bound.channel();
    log.info("Serving /metrics, /health and /ready on http://{}/", hostPort(address()));
  }

  private UncheckedIOException bindFailure(Throwable cause) {
    java.io.IOException io =
        cause instanceof java.io.IOException e ? e : new java.io.IOException(cause);
    if (cause instanceof BindException) {
      return new UncheckedIOException(
          "Cannot listen on "
              + hostPort(requested)
              + " for /metrics and /health: "
              + cause.getMessage()
              + ". Another process uses this port; choose another metrics listen address in the"
              + " configuration.",
          io);
    }
    return new UncheckedIOException(
        "Cannot listen on " + hostPort(requested) + " for /metrics and /health: " + cause, io);
  }

  /** The bound address (with the real port when port 0 was requested). */
  public synchronized InetSocketAddress address() {
    if (server == null) {
      throw new IllegalStateException("The status server is not started");
    }
    return (InetSocketAddress) server.localAddress();
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
    server.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
    // Closed while the loop still runs, so every decoder frees what it had buffered.
    connections.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
    shutdownGroup();
  }

  private void shutdownGroup() {
    if (!group
        .shutdownGracefully(0, 2, TimeUnit.SECONDS)
        .awaitUninterruptibly(3, TimeUnit.SECONDS)) {
      log.warn("Status server: its event loop did not stop within 3 s; going on");
    }
  }

  /** {@code host:port}, IPv6 in brackets. */
  public static String hostPort(InetSocketAddress address) {
    String host =
        address.getAddress() != null
            ? address.getAddress().getHostAddress()
            : address.getHostString();
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort();
  }
}
