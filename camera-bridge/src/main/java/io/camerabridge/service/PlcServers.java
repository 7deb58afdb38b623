package io.camerabridge.service;

import io.camerabridge.config.CameraConfig;
import io.camerabridge.config.PlcConfig;
import io.camerabridge.metrics.MeterTags;
import io.camerabridge.metrics.PlcMeter;
import io.camerabridge.ops.CameraState;
import io.camerabridge.ops.PlcHealth;
import io.camerabridge.outputs.CameraOutputs;
import io.camerabridge.pipeline.PlcHooks;
import io.camerabridge.pipeline.RecipeClients;
import io.camerabridge.plc.PlcCamera;
import io.camerabridge.plc.PlcCameraCore;
import io.camerabridge.plc.PlcCameraLink;
import io.camerabridge.plc.PlcMeters;
import io.camerabridge.plc.PlcServer;
import io.camerabridge.plc.PlcState;
import io.camerabridge.plc.modbus.ModbusPlcServer;
import io.camerabridge.plc.opcua.OpcUaPlcServer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place the PLC side of the service is built: a {@link PlcCameraCore} per enabled camera,
 * following the camera's outcomes (the outputs' stream) and linked to its pipeline, then the
 * configured protocol servers over those cores. Started after the pipelines exist; {@link #close}
 * runs first on shutdown, so no PLC writes into a stopping camera. A server that cannot bind does
 * not stop the service (the cameras, their outputs and the other server still work): it is logged,
 * {@code /health} reports it as an error, and it is tried again with back-off (2 s doubling to 1
 * min) until it binds, so a port held for a while by another process at boot does not leave the PLC
 * without a server until someone restarts the service.
 */
final class PlcServers implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PlcServers.class);
  private static final Duration CORE_STOP = Duration.ofSeconds(2);
  static final Duration RETRY_FIRST = Duration.ofSeconds(2);
  private static final Duration RETRY_MAX = Duration.ofMinutes(1);

  /** One camera as the service built it. */
  record Camera(
      CameraConfig config,
      PlcHooks hooks,
      CameraOutputs outputs,
      Optional<RecipeClients> recipes) {}

  /** A server that runs, for {@code /health} and the clients gauge. */
  record Running(String protocol, String listen, PlcServer server) {}

  /** A configured server that could not start yet: how to make a fresh one and try again. */
  private record Failed(
      String protocol,
      String host,
      String listen,
      Supplier<PlcServer> factory,
      List<PlcCamera> cameras,
      String error,
      Duration backoff) {}

  private final List<PlcCameraCore> cores = new ArrayList<>();
  // Read by /health on the status thread while close() may clear them.
  private final List<Running> servers = new CopyOnWriteArrayList<>();
  private final List<Failed> failed = new CopyOnWriteArrayList<>();
  private final ScheduledExecutorService retries =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "plc-bind-retry");
            t.setDaemon(true);
            return t;
          });

  private PlcServers() {}

  /**
   * Builds the cores and starts every configured server; one that cannot bind is kept as {@link
   * #health() failed}.
   */
  static PlcServers start(PlcConfig config, List<Camera> cameras, MeterRegistry registry) {
    PlcServers plc = new PlcServers();
    try {
      for (Camera camera : cameras) {
        Integer slot = camera.config().plc().slot();
        PlcCameraCore core =
            new PlcCameraCore(
                camera.config().id(),
                slot == null ? -1 : slot,
                config.handshake(),
                config.queue(),
                new Link(camera));
        camera.outputs().followedBy(core);
        PlcMeters.bind(registry, core);
        core.start();
        plc.cores.add(core);
      }
      List<PlcCamera> all = List.copyOf(plc.cores);
      config
          .opcuaServer()
          .ifPresent(
              o -> {
                plc.serve(
                    "opcua", o.host(), o.listen(), () -> new OpcUaPlcServer(o, registry), all);
                plc.gaugeServing(registry, "opcua");
              });
      // Only cameras with a plc.slot have registers; the others are served over OPC UA alone.
      List<PlcCamera> withSlot = all.stream().filter(c -> c.slot() >= 0).toList();
      config
          .modbusServer()
          .ifPresent(
              m -> {
                plc.serve(
                    "modbus",
                    m.host(),
                    m.listen(),
                    () -> new ModbusPlcServer(m, registry),
                    withSlot);
                plc.gaugeServing(registry, "modbus");
              });
      return plc;
    } catch (RuntimeException e) {
      plc.close();
      throw e;
    }
  }

  private void serve(
      String protocol,
      String host,
      String listen,
      Supplier<PlcServer> factory,
      List<PlcCamera> cameras) {
    Failed first = new Failed(protocol, host, listen, factory, cameras, null, RETRY_FIRST);
    Failed still = attempt(first);
    if (still != null) {
      LOG.error(
          "The {} PLC server is not serving: {}; trying again every {} s at most",
          protocol,
          still.error(),
          RETRY_MAX.toSeconds());
      failed.add(still);
      retries.schedule(() -> retry(still), still.backoff().toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  /** Starts a fresh server; null when it serves, else the failure to try again later. */
  private Failed attempt(Failed f) {
    PlcServer server = f.factory().get();
    try {
      server.start(f.cameras());
    } catch (RuntimeException e) {
      try {
        server.close();
      } catch (RuntimeException ignored) {
        // Half started: whatever it holds is freed as far as it can be.
      }
      Duration next = f.error() == null ? f.backoff() : min(f.backoff().multipliedBy(2), RETRY_MAX);
      return new Failed(
          f.protocol(), f.host(), f.listen(), f.factory(), f.cameras(), e.getMessage(), next);
    }
    // The bound port is kept: a stopped server no longer knows it, and /health may still ask.
    String host = f.host();
    String bound = (host.contains(":") ? "[" + host + "]" : host) + ":" + server.port();
    servers.add(new Running(f.protocol(), bound, server));
    return null;
  }

  private synchronized void retry(Failed f) {
    if (retries.isShutdown()) {
      return;
    }
    Failed still = attempt(f);
    if (still == null) {
      failed.remove(f);
      LOG.info("The {} PLC server is serving now at {}", f.protocol(), f.listen());
      return;
    }
    if (!still.error().equals(f.error())) {
      LOG.error("The {} PLC server is still not serving: {}", f.protocol(), still.error());
    }
    // The new failure goes in before the old one leaves, so /health always lists the server.
    failed.add(still);
    failed.remove(f);
    retries.schedule(() -> retry(still), still.backoff().toMillis(), TimeUnit.MILLISECONDS);
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  /** The cores, in configuration order. */
  List<PlcCameraCore> cores() {
    return List.copyOf(cores);
  }

  /** 1 while the protocol's server runs, 0 while its bind is retried: alertable, unlike /health. */
  private void gaugeServing(MeterRegistry registry, String protocol) {
    PlcMeter.PLC_SERVING.gauge(
        registry,
        Tags.of(MeterTags.PROTOCOL, protocol),
        this,
        plc -> plc.servers.stream().anyMatch(r -> r.protocol().equals(protocol)) ? 1 : 0);
  }

  /** The servers that run. */
  List<Running> servers() {
    return List.copyOf(servers);
  }

  /** The servers (running or failed) and each core's handshake, for {@code /health}. */
  PlcHealth health() {
    List<PlcHealth.Server> out = new ArrayList<>();
    Set<String> serving = new HashSet<>();
    for (Running r : servers) {
      serving.add(r.protocol());
      out.add(new PlcHealth.Server(r.protocol(), r.listen(), r.server().connectedClients(), null));
    }
    // A retry that just bound adds its server before it drops the failure: that one is stale.
    failed.stream()
        .filter(f -> !serving.contains(f.protocol()))
        .forEach(f -> out.add(new PlcHealth.Server(f.protocol(), f.listen(), 0, f.error())));
    List<PlcHealth.Slot> slots = new ArrayList<>();
    for (PlcCameraCore core : cores) {
      PlcState state = core.state();
      slots.add(
          new PlcHealth.Slot(
              core.id(),
              core.slot(),
              state.sequence(),
              state.resultValid(),
              core.unacknowledged(),
              core.queueDepth()));
    }
    return new PlcHealth(out, slots);
  }

  /** Stops the servers first (no PLC request after this), then the cores; bounded. */
  @Override
  public void close() {
    synchronized (this) {
      // No retry starts a server after this; one under way has finished (same lock).
      retries.shutdownNow();
    }
    for (Running r : servers) {
      try {
        r.server().close();
      } catch (RuntimeException e) {
        LOG.warn("The {} PLC server did not stop cleanly: {}", r.protocol(), e.toString());
      }
    }
    servers.clear();
    cores.forEach(c -> c.close(CORE_STOP));
  }

  /** A pipeline as the PLC core sees it. */
  private static final class Link implements PlcCameraLink {
    private final Camera camera;

    Link(Camera camera) {
      this.camera = camera;
    }

    @Override
    public PlcState.CameraState cameraState() {
      CameraState s = camera.hooks().state();
      return switch (s) {
        // The PLC map has four states: a refused configuration is retried like a first open.
        case STARTING, MISCONFIGURED -> PlcState.CameraState.STARTING;
        case STREAMING -> PlcState.CameraState.STREAMING;
        case RECONNECTING -> PlcState.CameraState.RECONNECTING;
        case STOPPED -> PlcState.CameraState.STOPPED;
      };
    }

    @Override
    public long acquired() {
      return camera.hooks().acquired();
    }

    @Override
    public long dropped() {
      return camera.hooks().dropped();
    }

    @Override
    public boolean trigger() {
      return camera.hooks().trigger();
    }

    @Override
    public void partId(String partId) {
      camera.hooks().nextPartId(partId);
    }

    @Override
    public boolean recipe(int number) {
      return camera.recipes().map(r -> r.use(number)).orElse(number == 0);
    }
  }
}
