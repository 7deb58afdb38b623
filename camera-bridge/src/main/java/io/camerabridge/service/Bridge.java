package io.camerabridge.service;

import io.camerabridge.bindings.aravis.AravisLibrary;
import io.camerabridge.bindings.systemd.SystemdNotifier;
import io.camerabridge.config.BridgeConfig;
import io.camerabridge.config.CameraConfig;
import io.camerabridge.console.Console;
import io.camerabridge.metrics.BridgeMetrics;
import io.camerabridge.ops.CameraHealth;
import io.camerabridge.ops.CameraState;
import io.camerabridge.ops.HealthSource;
import io.camerabridge.ops.ParallelClose;
import io.camerabridge.ops.PlcHealth;
import io.camerabridge.ops.StatusRoutes;
import io.camerabridge.ops.StatusServer;
import io.camerabridge.ops.Watchdog;
import io.camerabridge.outputs.CameraOutputs;
import io.camerabridge.outputs.MqttPublisher;
import io.camerabridge.pekat.PekatClient;
import io.camerabridge.pekat.PekatEndpoint;
import io.camerabridge.pekat.netty.ClientResources;
import io.camerabridge.pekat.netty.NettyPekatClient;
import io.camerabridge.pipeline.CameraPipeline;
import io.camerabridge.pipeline.FrameTap;
import io.camerabridge.pipeline.PipelineParts;
import io.camerabridge.pipeline.RecipeClients;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole service: built from a validated configuration, started in dependency order (metrics →
 * status server → client event loops → results thread → camera pipelines → watchdog), stopped in
 * the written order of {@link #stop()}. Also the {@link HealthSource} of {@code /health} and of
 * systemd's STATUS line.
 */
public final class Bridge implements HealthSource {
  private static final Logger LOG = LoggerFactory.getLogger(Bridge.class);
  private static final Duration CAMERA_STOP_TIMEOUT = Duration.ofSeconds(15);
  private static final Duration RESULTS_TIMEOUT = Duration.ofSeconds(5);

  private final BridgeConfig config;
  private final SystemdNotifier notifier;
  private final AtomicBoolean started = new AtomicBoolean();
  private final AtomicBoolean stopped = new AtomicBoolean();
  private final List<CameraPipeline> pipelines = new ArrayList<>();
  private BridgeMetrics metrics;
  private StatusServer status;
  private Console console;
  private ClientResources client;
  private ExecutorService results;
  private MqttPublisher mqtt;
  private Watchdog watchdog;
  private volatile PlcServers plc;
  private volatile Map<String, CameraPipeline> byId = Map.of();

  /**
   * @param config a configuration that passed {@code check-config}
   * @param notifier systemd notifications ({@link SystemdNotifier#disabled()} outside systemd)
   */
  public Bridge(BridgeConfig config, SystemdNotifier notifier) {
    this.config = config;
    this.notifier = notifier;
  }

  /**
   * Starts everything and returns; cameras open in the background (an absent camera is retried for
   * ever). Sends READY=1 when the pipelines are running.
   *
   * @throws RuntimeException when a shared part cannot start (e.g. the metrics port is taken); what
   *     was started is stopped again
   */
  public void start() {
    if (!started.compareAndSet(false, true)) {
      throw new IllegalStateException("already started");
    }
    if (!config.enabledCameras().isEmpty() && !AravisLibrary.isAvailable()) {
      // Retrying a camera for ever cannot help when the library itself is missing.
      throw new IllegalStateException(
          "Aravis cannot be loaded ("
              + AravisLibrary.unavailabilityCause().getMessage()
              + "); install it with: apt-get install "
              + AravisLibrary.DEBIAN_PACKAGE);
    }
    try {
      metrics = new BridgeMetrics();
      if (config.metrics().enabled()) {
        if (config.console().enabled()) {
          console =
              new Console(
                  config, id -> Optional.ofNullable(byId.get(id)), metrics.registry(), id -> null);
        }
        status =
            new StatusServer(
                new InetSocketAddress(config.metrics().host(), config.metrics().port()),
                metrics.registry(),
                this,
                console == null ? StatusRoutes.NONE : console.routes(),
                StatusServer.Limits.DEFAULT);
        status.start();
      }
      client = ClientResources.create(1);
      results = newResultsThread();
      mqtt = config.mqttBroker().map(MqttPublisher::new).orElse(null);
      if (mqtt != null) {
        mqtt.start();
      }
      List<PlcServers.Camera> plcCameras = new ArrayList<>();
      for (CameraConfig camera : config.enabledCameras()) {
        CameraOutputs outputs =
            CameraOutputs.create(camera, Optional.ofNullable(mqtt), metrics.registry());
        Optional<RecipeClients> recipes = recipeClients(camera);
        // A recipe switch needs one project per camera: recipes and pekat.urls exclude each other
        // (PlcValidator), so a camera has either the recipe seam or one client per instance.
        PipelineParts parts =
            PipelineParts.create(
                camera,
                recipes
                    .<Function<PekatEndpoint, PekatClient>>map(r -> e -> r)
                    .orElse(e -> NettyPekatClient.open(e, client)),
                metrics.forCamera(camera.id()),
                results,
                outputs,
                console == null ? FrameTap.NONE : console.tap(camera.id()));
        CameraPipeline pipeline = new CameraPipeline(camera, parts);
        plcCameras.add(new PlcServers.Camera(camera, pipeline.plc(), outputs, recipes));
        metrics.bindCamera(camera.id(), pipeline.gauges());
        pipeline.analyzers().bindMeters(metrics.registry());
        metrics.bindCameraFeatures(camera.id(), pipeline.featureGauges());
        metrics.bindWatchdog(camera.id(), () -> pipeline.health().watchdogFrameSilenceSeconds());
        metrics.bindMisconfigured(camera.id(), () -> pipeline.state() == CameraState.MISCONFIGURED);
        pipelines.add(pipeline);
      }
      byId =
          pipelines.stream()
              .collect(Collectors.toUnmodifiableMap(CameraPipeline::id, Function.identity()));
      // Before the cameras start, so the PLC sees every outcome from the first frame on.
      plc =
          config
              .plcServers()
              .map(p -> PlcServers.start(p, plcCameras, metrics.registry()))
              .orElse(null);
      pipelines.forEach(CameraPipeline::start);
      if (console != null) {
        console.start();
      }
      watchdog = new Watchdog(notifier, new LivenessCheck(client, pipelines, this), this);
      watchdog.start();
      if (status != null) {
        status.markReady();
      }
      notifier.ready();
      LOG.info(
          "camera-bridge started: {} camera(s){}",
          pipelines.size(),
          status == null
              ? ""
              : ", metrics at http://"
                  + hostPort(status.address())
                  + "/metrics"
                  + consoleUrl().map(u -> ", console at " + u).orElse(""));
    } catch (RuntimeException e) {
      stop();
      throw e;
    }
  }

  /**
   * Stops the service in the documented order; idempotent, safe from a shutdown hook:
   *
   * <ol>
   *   <li>STOPPING=1 to systemd, {@code /ready} turns 503;
   *   <li>stop acquisition on every camera (trigger, watchdog, frame threads, AcquisitionStop);
   *   <li>drain requests in flight, for at most {@code shutdown.drainTimeout} in total;
   *   <li>decide parts still waiting (as timeouts); then, side by side within one budget, write out
   *       the outputs' queues, flush and close the journals and NG savers, and close the MQTT
   *       connection ({@code offline});
   *   <li>every buffer is back: close each stream, then its camera;
   *   <li>stop the client event loops, the status server and the metrics registry.
   * </ol>
   *
   * Logging is stopped last by the caller ({@link ShutdownSequence}).
   */
  public void stop() {
    if (!stopped.compareAndSet(false, true)) {
      return;
    }
    notifier.stopping();
    if (status != null) {
      status.markNotReady();
    }
    if (watchdog != null) {
      watchdog.close();
    }
    LOG.info("camera-bridge stopping");
    if (plc != null) {
      // First: no PLC trigger, part id or recipe reaches a stopping camera.
      plc.close();
    }
    for (CameraPipeline p : pipelines) {
      p.stopAcquisition(CAMERA_STOP_TIMEOUT);
    }
    if (console != null) {
      // No frame comes any more: let previews in hand give their buffers back before release.
      console.close();
    }
    long deadline = System.nanoTime() + config.shutdown().drainTimeout().toNanos();
    for (CameraPipeline p : pipelines) {
      p.drain(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
    }
    if (results != null) {
      results.shutdown();
      awaitQuietly(results, RESULTS_TIMEOUT);
    }
    // Every part still waiting is decided first, so every output and journal sees it; then all
    // cameras' outputs, journals and NG savers and the MQTT publisher close together with one
    // budget: a hung disk, webhook and broker run out their time side by side, not in turn.
    List<ParallelClose.Step> closes = new ArrayList<>();
    for (CameraPipeline p : pipelines) {
      p.decideWaitingParts();
      closes.addAll(p.closeSteps());
    }
    if (mqtt != null) {
      closes.add(new ParallelClose.Step("mqtt", mqtt::close));
    }
    ParallelClose.run(closes, RESULTS_TIMEOUT);
    for (CameraPipeline p : pipelines) {
      p.release(CAMERA_STOP_TIMEOUT);
    }
    if (client != null) {
      client.close();
    }
    if (status != null) {
      status.close();
    }
    if (metrics != null) {
      metrics.close();
    }
    LOG.info("camera-bridge stopped");
  }

  @Override
  public List<CameraHealth> cameras() {
    List<CameraHealth> out = new ArrayList<>();
    Map<String, CameraPipeline> running = byId;
    for (CameraConfig camera : config.cameras()) {
      CameraPipeline p = running.get(camera.id());
      out.add(
          p != null
              ? p.health()
              : new CameraHealth(
                  camera.id(),
                  camera.enabled(),
                  camera.enabled() ? CameraState.STARTING : CameraState.STOPPED,
                  Double.NaN,
                  false,
                  camera.trigger().mode().waitsForExternalSignal()));
    }
    return out;
  }

  /** The PLC cores and servers, when {@code plc:} is configured. */
  Optional<PlcServers> plcServers() {
    return Optional.ofNullable(plc);
  }

  @Override
  public Optional<PlcHealth> plc() {
    return plcServers().map(PlcServers::health);
  }

  /** One client per recipe when {@code plc.recipes} is configured, so a PLC can switch projects. */
  private Optional<RecipeClients> recipeClients(CameraConfig camera) {
    return config
        .plcServers()
        .filter(p -> !p.recipes().isEmpty())
        .map(
            p ->
                RecipeClients.open(
                    camera.id(),
                    camera.pekat(),
                    p.recipes(),
                    endpoint -> NettyPekatClient.open(endpoint, client)));
  }

  /** The running pipelines, in configuration order. */
  public List<CameraPipeline> pipelines() {
    return List.copyOf(pipelines);
  }

  /** Where {@code /metrics} and {@code /health} are served, when enabled. */
  public Optional<InetSocketAddress> statusAddress() {
    return Optional.ofNullable(status).map(StatusServer::address);
  }

  /**
   * The console's address, when served: {@code http://host:port/}; for a wildcard bind the loopback
   * address, which a browser on this machine can open.
   */
  public Optional<String> consoleUrl() {
    if (status == null || console == null) {
      return Optional.empty();
    }
    InetSocketAddress a = status.address();
    String host =
        a.getAddress() != null && a.getAddress().isAnyLocalAddress()
            ? (a.getAddress() instanceof java.net.Inet6Address ? "[::1]" : "127.0.0.1")
            : StatusServer.hostPort(a).substring(0, StatusServer.hostPort(a).lastIndexOf(':'));
    return Optional.of("http://" + host + ":" + a.getPort() + "/");
  }

  /** The metrics of this service. */
  public BridgeMetrics metrics() {
    return metrics;
  }

  /** The configuration this service runs. */
  public BridgeConfig config() {
    return config;
  }

  static String hostPort(InetSocketAddress a) {
    String host = a.getAddress() == null ? a.getHostString() : a.getAddress().getHostAddress();
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort();
  }

  private static ExecutorService newResultsThread() {
    // Unbounded in type, bounded in fact: at most maxInFlight outcomes per camera are pending.
    return new ThreadPoolExecutor(
        1,
        1,
        0,
        TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(),
        r -> {
          Thread t = new Thread(r, "results");
          t.setDaemon(true);
          return t;
        });
  }

  private static void awaitQuietly(ExecutorService executor, Duration timeout) {
    try {
      if (!executor.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        LOG.warn("Result handling did not finish within {}", timeout);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
