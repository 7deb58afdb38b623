package io.camerabridge.plc.modbus;

import com.digitalpetri.modbus.tcp.server.NettyTcpServerTransport;
import io.camerabridge.config.ModbusConfig;
import io.camerabridge.plc.PlcCamera;
import io.camerabridge.plc.PlcServer;
import io.camerabridge.plc.PlcServerException;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Modbus TCP server of {@code plc.modbus} on digitalpetri's modbus (docs/plc.md, "Modbus TCP"):
 * the map of {@link ModbusMap}, answered for the configured unit id. It owns its threads: one Netty
 * I/O thread ({@code modbus-io}, not the PEKAT client's loop) and one worker ({@code
 * modbus-worker}) that answers every request in arrival order; neither ever waits on a camera.
 */
public final class ModbusPlcServer implements PlcServer {
  private static final Logger LOG = LoggerFactory.getLogger(ModbusPlcServer.class);
  static final int MAX_CONNECTIONS = 16;
  static final Duration IDLE_TIMEOUT = Duration.ofSeconds(60);

  private final ModbusConfig config;
  private final ModbusMeters meters;
  private final int maxConnections;
  private final Duration idleTimeout;
  private volatile Running running;

  public ModbusPlcServer(ModbusConfig config, MeterRegistry registry) {
    this(config, registry, MAX_CONNECTIONS, IDLE_TIMEOUT);
  }

  /** With other limits, for the tests of the limits. */
  ModbusPlcServer(
      ModbusConfig config, MeterRegistry registry, int maxConnections, Duration idleTimeout) {
    this.config = config;
    this.meters = new ModbusMeters(registry);
    this.maxConnections = maxConnections;
    this.idleTimeout = idleTimeout;
  }

  @Override
  public synchronized void start(List<PlcCamera> cameras) {
    if (running != null) {
      throw new IllegalStateException("already started");
    }
    SlotServices services;
    try {
      services = new SlotServices(cameras, meters);
    } catch (IllegalArgumentException e) {
      throw new PlcServerException("Modbus TCP server: " + e.getMessage(), e);
    }
    Running candidate = new Running();
    try {
      candidate.start(services);
    } catch (Exception e) {
      candidate.close();
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
      throw new PlcServerException(
          "Modbus TCP server: cannot listen on " + config.listen() + ": " + why(cause), cause);
    }
    running = candidate;
    LOG.info(
        "Modbus TCP server listening on {}:{} (unit id {}), {} camera(s)",
        config.host(),
        candidate.port(),
        config.unitId(),
        cameras.size());
  }

  @Override
  public int port() {
    Running r = running;
    if (r == null) {
      throw new IllegalStateException("not started");
    }
    return r.port();
  }

  @Override
  public int connectedClients() {
    return meters.clients();
  }

  @Override
  public synchronized void close() {
    Running r = running;
    running = null;
    if (r != null) {
      int port = r.port();
      r.close();
      LOG.info("Modbus TCP server on port {} stopped", port);
    }
  }

  private static String why(Throwable e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  /** One bound server with its threads; closed as a whole. */
  private final class Running {
    final EventLoopGroup io =
        new MultiThreadIoEventLoopGroup(
            1, new DefaultThreadFactory("modbus-io", true), NioIoHandler.newFactory());
    final ExecutorService worker =
        Executors.newSingleThreadExecutor(new DefaultThreadFactory("modbus-worker", true));
    final AtomicReference<Channel> listener = new AtomicReference<>();
    GuardedTcpServer server;

    void start(SlotServices services) throws Exception {
      ConnectionGuard guard = new ConnectionGuard(maxConnections, idleTimeout, meters);
      NettyTcpServerTransport transport =
          NettyTcpServerTransport.create(
              cfg ->
                  cfg.setBindAddress(config.host())
                      .setPort(config.port())
                      .setEventLoopGroup(io)
                      .setExecutor(worker)
                      .setBootstrapCustomizer(b -> b.handler(new ListenerCapture()))
                      .setPipelineCustomizer(guard::install));
      server = new GuardedTcpServer(transport, services, config.unitId(), meters);
      server.start();
    }

    int port() {
      Channel channel = listener.get();
      return channel == null
          ? config.port()
          : ((InetSocketAddress) channel.localAddress()).getPort();
    }

    void close() {
      if (server != null) {
        try {
          // The library's stop() waits without a bound; closing must not.
          server.getTransport().unbind().toCompletableFuture().get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        } catch (Exception e) {
          LOG.warn("Modbus TCP server did not stop cleanly: {}", why(e));
        }
      }
      io.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
      worker.shutdownNow();
    }

    /** Keeps the listening channel, whose address says which port 0 became. */
    private final class ListenerCapture extends ChannelInboundHandlerAdapter {
      @Override
      public void handlerAdded(ChannelHandlerContext ctx) {
        listener.set(ctx.channel());
      }

      @Override
      public boolean isSharable() {
        return true;
      }
    }
  }
}
