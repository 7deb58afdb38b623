package io.camerabridge.console;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.camerabridge.config.BridgeConfig;
import io.camerabridge.config.CameraConfig;
import io.camerabridge.config.ConsoleConfig;
import io.camerabridge.config.SaveNgConfig;
import io.camerabridge.ops.StatusRoutes;
import io.camerabridge.pipeline.CameraPipeline;
import io.camerabridge.pipeline.FrameTap;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web console (docs/console.md): the routes it adds to the status server, one {@link FrameTap}
 * per camera, and its three threads — {@code console-http} answers requests, {@code
 * console-preview} copies and encodes previews, {@code console-tick} once a second samples the
 * cards, pushes them to open pages and, only while a page is open or a preview was fetched in the
 * last few seconds, asks each camera for its next frame (at most {@value #PREVIEWS_PER_SECOND} a
 * second). None of them is on the frame path.
 */
public final class Console implements AutoCloseable {
  static final int PREVIEWS_PER_SECOND = 2;
  private static final Logger LOG = LoggerFactory.getLogger(Console.class);
  private static final long TICK_MILLIS = 250;
  private static final long WATCH_AFTER_FETCH_NANOS = TimeUnit.SECONDS.toNanos(5);
  private static final long KEEP_COPY_NANOS = TimeUnit.SECONDS.toNanos(60);

  private final Map<String, CameraPreview> previews = new LinkedHashMap<>();
  private final ThreadPoolExecutor http;
  private final ThreadPoolExecutor worker;
  private final ScheduledExecutorService tick;
  private final EventStream events = new EventStream();
  private final CameraCards cards;
  private final ConsoleRoutes routes;
  private final ConsoleAuth auth;
  private volatile long fetchedAtNanos = Long.MIN_VALUE / 2;
  private long ticks;

  /**
   * @param config the whole configuration (cameras, {@code console:}, {@code metrics.listen})
   * @param pipelines the running pipeline of a camera id, once it exists
   * @param registry the service's meters (drop reasons)
   * @param outputs each camera's outputs' state for its card, or null (see docs/console.md)
   */
  public Console(
      BridgeConfig config,
      Function<String, Optional<CameraPipeline>> pipelines,
      MeterRegistry registry,
      Function<String, Object> outputs) {
    ConsoleConfig console = config.console();
    this.http = executor("console-http", 32);
    this.worker = executor("console-preview", 2 * Math.max(1, config.cameras().size()));
    this.tick =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "console-tick");
              t.setDaemon(true);
              return t;
            });
    Map<String, NgFiles> ng = new LinkedHashMap<>();
    for (CameraConfig c : config.cameras()) {
      previews.put(c.id(), new CameraPreview(c.id(), worker, redactor(c)));
      c.results()
          .saveNgFrames()
          .map(SaveNgConfig::dir)
          .ifPresent(d -> ng.put(c.id(), new NgFiles(d, c.id())));
    }
    ObjectMapper json = new ObjectMapper();
    this.cards = new CameraCards(json, config.cameras(), pipelines, previews, registry, outputs);
    this.auth =
        ConsoleAuth.of(
            console.authentication(), isLoopback(config.metrics().host()), console.publicAccess());
    ConsoleApi api =
        new ConsoleApi(json, cards, previews, ng, events, () -> fetchedAtNanos = System.nanoTime());
    this.routes = new ConsoleRoutes(new ConsoleAssets(), auth, api, http);
  }

  /** The tap the camera's pipeline offers frames and verdicts to. */
  public FrameTap tap(String cameraId) {
    CameraPreview p = previews.get(cameraId);
    return p == null ? FrameTap.NONE : p;
  }

  /** The console's paths, for the status server. */
  public StatusRoutes routes() {
    return routes;
  }

  /** Starts the once-a-second work. */
  public void start() {
    tick.scheduleWithFixedDelay(this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
    LOG.info("Console: {}", describeAuth());
  }

  private String describeAuth() {
    return switch (auth.mode()) {
      case OPEN -> "open (loopback, or console.public: true)";
      case TOKEN -> "bearer token / sign-in page";
      case BASIC -> "basic authentication";
      case LOCKED -> "refusing every request (off loopback without console.auth)";
    };
  }

  private void tick() {
    try {
      long now = System.nanoTime();
      boolean watched = events.watched() || now - fetchedAtNanos < WATCH_AFTER_FETCH_NANOS;
      for (CameraPreview p : previews.values()) {
        if (watched) {
          p.arm(now);
        } else {
          p.disarm(now, KEEP_COPY_NANOS);
        }
      }
      if (++ticks % (1000 / TICK_MILLIS) == 0) {
        cards.sample(now);
        if (events.watched()) {
          events.broadcast("cameras", cards.all().toString());
        }
      }
    } catch (RuntimeException e) {
      LOG.warn("Console update failed: {}", e.toString());
    }
  }

  /**
   * Ends the event streams and the console's threads. Previews already handed over are still copied
   * (and their camera buffers given back) first, for at most two seconds.
   */
  @Override
  public void close() {
    tick.shutdownNow();
    previews.values().forEach(p -> p.disarm(System.nanoTime(), Long.MAX_VALUE));
    events.closeAll();
    http.shutdownNow();
    worker.shutdown();
    try {
      if (!worker.awaitTermination(2, TimeUnit.SECONDS)) {
        LOG.warn("Console: a preview was still being encoded at shutdown");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static java.util.function.UnaryOperator<String> redactor(CameraConfig c) {
    Optional<String> key =
        c.pekat() == null ? Optional.empty() : c.pekat().key().map(k -> k.reveal());
    // As written and as it would appear in an echoed request URL.
    return text ->
        key.filter(k -> !k.isEmpty())
            .map(
                k ->
                    text.replace(k, "[redacted]")
                        .replace(
                            java.net.URLEncoder.encode(k, java.nio.charset.StandardCharsets.UTF_8),
                            "[redacted]"))
            .orElse(text);
  }

  private static ThreadPoolExecutor executor(String name, int queue) {
    return new ThreadPoolExecutor(
        1,
        1,
        0,
        TimeUnit.SECONDS,
        new ArrayBlockingQueue<>(queue),
        r -> {
          Thread t = new Thread(r, name);
          t.setDaemon(true);
          return t;
        });
  }

  static boolean isLoopback(String host) {
    try {
      InetAddress[] all = InetAddress.getAllByName(host);
      for (InetAddress a : all) {
        if (!a.isLoopbackAddress()) {
          return false;
        }
      }
      return all.length > 0;
    } catch (java.net.UnknownHostException e) {
      return false;
    }
  }
}
