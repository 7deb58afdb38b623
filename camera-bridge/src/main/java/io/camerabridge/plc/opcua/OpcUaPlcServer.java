package io.camerabridge.plc.opcua;

import io.camerabridge.config.OpcUaConfig;
import io.camerabridge.plc.PlcCamera;
import io.camerabridge.plc.PlcServer;
import io.camerabridge.plc.PlcServerException;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.milo.opcua.sdk.server.OpcUaServer;
import org.eclipse.milo.opcua.sdk.server.OpcUaServerConfig;
import org.eclipse.milo.opcua.sdk.server.identity.AnonymousIdentityValidator;
import org.eclipse.milo.opcua.sdk.server.identity.IdentityValidator;
import org.eclipse.milo.opcua.sdk.server.util.HostnameUtil;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.structured.BuildInfo;
import org.eclipse.milo.opcua.stack.transport.server.OpcServerTransport;
import org.eclipse.milo.opcua.stack.transport.server.ServerApplicationContext;
import org.eclipse.milo.opcua.stack.transport.server.tcp.OpcTcpServerTransport;
import org.eclipse.milo.opcua.stack.transport.server.tcp.OpcTcpServerTransportConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OPC UA server of {@code plc.opcua} on Eclipse Milo: endpoint {@code
 * opc.tcp://HOST:PORT/camera-bridge}, namespace {@value CameraNamespace#URI}, one folder per camera
 * under {@code Objects/Cameras/} (docs/plc.md, "OPC UA"). It owns its threads: one Netty I/O thread
 * ({@code opcua-io}, not the PEKAT client's loop) and two workers for Milo's services ({@code
 * opcua-worker}); values reach it on the PLC core's thread and are pushed to subscriptions.
 */
public final class OpcUaPlcServer implements PlcServer {
  private static final Logger LOG = LoggerFactory.getLogger(OpcUaPlcServer.class);
  private static final int FREE_PORT_ATTEMPTS = 3;

  private final OpcUaConfig config;
  private final OpcUaMeters meters;
  private volatile Running running;

  public OpcUaPlcServer(OpcUaConfig config, MeterRegistry registry) {
    this.config = config;
    this.meters = new OpcUaMeters(registry);
  }

  @Override
  public synchronized void start(List<PlcCamera> cameras) {
    if (running != null) {
      throw new IllegalStateException("already started");
    }
    try {
      ServerPki pki =
          ServerPki.open(
              config.pkiDir(),
              "urn:camera-bridge:" + HostnameUtil.getHostname(),
              Endpoints.hostnames(config.host()));
      try {
        running = bind(cameras, pki);
      } catch (Exception | Error e) {
        pki.close();
        throw e;
      }
    } catch (PlcServerException e) {
      throw e;
    } catch (Exception e) {
      throw new PlcServerException(
          "OPC UA server on " + config.listen() + " (pkiDir " + config.pkiDir() + "): " + why(e),
          e);
    }
    LOG.info(
        "OPC UA server listening at opc.tcp://{}:{}{} (security {}, {}), {} camera(s)",
        config.host(),
        running.port,
        Endpoints.PATH,
        config.security().configName(),
        config.users().isEmpty() ? "anonymous" : config.users().size() + " user(s)",
        cameras.size());
  }

  /** Port 0: the OS picks a free port first, because every endpoint URL carries the port. */
  private Running bind(List<PlcCamera> cameras, ServerPki pki) throws Exception {
    int attempts = config.port() == 0 ? FREE_PORT_ATTEMPTS : 1;
    for (int attempt = 1; ; attempt++) {
      int port = config.port() == 0 ? freePort(config.host()) : config.port();
      Running candidate = new Running(pki, port);
      try {
        candidate.start(cameras);
        return candidate;
      } catch (BindException e) {
        candidate.close();
        if (attempt >= attempts) {
          throw new PlcServerException(
              "OPC UA server: cannot listen on " + config.host() + ":" + port + ": " + why(e), e);
        }
      } catch (Exception | Error e) {
        candidate.close();
        throw e;
      }
    }
  }

  @Override
  public int port() {
    Running r = running;
    if (r == null) {
      throw new IllegalStateException("not started");
    }
    return r.port;
  }

  @Override
  public int connectedClients() {
    return meters.sessions();
  }

  @Override
  public synchronized void close() {
    Running r = running;
    running = null;
    if (r != null) {
      r.close();
      try {
        r.pki.close();
      } catch (IOException e) {
        LOG.warn("OPC UA trust list watcher did not stop: {}", why(e));
      }
      LOG.info("OPC UA server on port {} stopped", r.port);
    }
  }

  private static int freePort(String host) throws IOException {
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress(host, 0));
      return socket.getLocalPort();
    }
  }

  private static String why(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null && cause.getMessage() == null) {
      cause = cause.getCause();
    }
    return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
  }

  /** One started Milo server with its threads; closed as a whole. */
  private final class Running {
    final ServerPki pki;
    final int port;
    final EventLoopGroup io =
        new MultiThreadIoEventLoopGroup(
            1, new DefaultThreadFactory("opcua-io", true), NioIoHandler.newFactory());
    final ExecutorService workers =
        Executors.newFixedThreadPool(2, new DefaultThreadFactory("opcua-worker", true));
    final AtomicReference<Exception> bindFailure = new AtomicReference<>();
    OpcUaServer server;
    CameraNamespace namespace;

    Running(ServerPki pki, int port) {
      this.pki = pki;
      this.port = port;
    }

    void start(List<PlcCamera> cameras) throws Exception {
      Set<String> hostnames = Endpoints.hostnames(config.host());
      OpcUaServerConfig serverConfig =
          OpcUaServerConfig.builder()
              .setApplicationUri(pki.applicationUri())
              .setApplicationName(LocalizedText.english("camera-bridge"))
              .setProductUri("urn:camera-bridge")
              .setBuildInfo(
                  new BuildInfo(
                      "urn:camera-bridge",
                      "camera-bridge",
                      "camera-bridge PLC server",
                      OpcUaServer.SDK_VERSION,
                      "",
                      DateTime.now()))
              .setEndpoints(
                  Endpoints.of(
                      config.host(),
                      port,
                      config.security(),
                      !config.users().isEmpty(),
                      pki.certificate(),
                      hostnames))
              .setCertificateManager(pki.certificateManager())
              .setIdentityValidator(identityValidator())
              .setExecutor(workers)
              .build();
      server = new OpcUaServer(serverConfig, profile -> new RecordingTransport(transport()));
      namespace = new CameraNamespace(server, cameras, meters);
      namespace.startup();
      meters.sessionsFrom(() -> server.getSessionManager().getCurrentSessionCount().intValue());
      try {
        server.startup().get(10, TimeUnit.SECONDS);
      } catch (java.util.concurrent.ExecutionException e) {
        Exception cause = bindFailure.get();
        throw cause != null ? cause : e;
      }
    }

    private OpcTcpServerTransport transport() {
      return new OpcTcpServerTransport(
          OpcTcpServerTransportConfig.newBuilder().setEventLoop(io).setExecutor(workers).build());
    }

    private IdentityValidator identityValidator() {
      return config.users().isEmpty()
          ? AnonymousIdentityValidator.INSTANCE
          : new ConfiguredUsers(config.users(), meters);
    }

    void close() {
      if (server != null) {
        meters.sessionsFrom(() -> 0);
        try {
          namespace.shutdown();
          server.shutdown().get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
          LOG.warn("OPC UA server on port {} did not shut down cleanly: {}", port, why(e));
        }
      }
      io.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
      workers.shutdownNow();
    }

    /** Keeps the reason a bind failed, which Milo only logs. */
    private final class RecordingTransport implements OpcServerTransport {
      private final OpcServerTransport delegate;

      RecordingTransport(OpcServerTransport delegate) {
        this.delegate = delegate;
      }

      @Override
      public void bind(ServerApplicationContext context, InetSocketAddress address)
          throws Exception {
        try {
          delegate.bind(context, address);
        } catch (Exception e) {
          bindFailure.compareAndSet(null, e);
          throw e;
        }
      }

      @Override
      public void unbind() throws Exception {
        delegate.unbind();
      }
    }
  }
}
