package io.camerabridge.tools.sim;

import io.camerabridge.pekat.ApiKey;
import io.camerabridge.tools.sim.analysis.BlobAnalyzer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PEKAT VISION project's HTTP API, simulated in-process: the endpoints, validation and answers of
 * {@code docs/pekat-simulator.md}, a deterministic analysis (bright regions are defects), and
 * faults injected on demand. Used by tests, by the demo and by {@code camera-bridge pekat-sim}.
 *
 * <pre>{@code
 * try (PekatSimulator pekat = PekatSimulator.builder().latency(Latency.parse("20ms")).build().start()) {
 *   URI analyze = pekat.baseUri().resolve("/analyze_raw_image?width=640&height=480");
 *   ...
 *   pekat.setFault(Fault.HTTP_500);
 * }
 * }</pre>
 */
public final class PekatSimulator implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PekatSimulator.class);

  private final SimSettings settings;
  private final SimControls controls;
  private final SimulatorStats stats;
  private final LastImage lastImage = new LastImage();
  private final ThreadPoolExecutor lanes;
  private final SimServer server;
  private final AtomicBoolean started = new AtomicBoolean();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final CompletableFuture<Void> stopped = new CompletableFuture<>();

  private PekatSimulator(Builder b) {
    settings =
        new SimSettings(
            b.host,
            b.port,
            b.apiKey,
            b.stopKey,
            b.lanes,
            b.pekatVersion,
            b.threshold,
            b.maxBodyBytes,
            b.recentRequests);
    controls = new SimControls(b.latency, b.processing, b.checksums, FaultPlan.NONE);
    stats = new SimulatorStats(b.recentRequests);
    lanes = newLanes(b.lanes);
    AnalyzeService service = new AnalyzeService(controls, new BlobAnalyzer(b.threshold), lastImage);
    SimRouter router =
        new SimRouter(settings, controls, stats, service, lastImage, lanes, this::closeAsync);
    server = new SimServer(b.maxBodyBytes, () -> new SimHandler(router));
    if (b.fault != Fault.NONE) {
      controls.faultPlan(new FaultPlan(b.fault, -1));
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Binds the port and starts answering.
   *
   * @return this
   * @throws java.io.UncheckedIOException naming host and port when the port cannot be bound
   */
  public PekatSimulator start() {
    if (!started.compareAndSet(false, true)) {
      throw new IllegalStateException("the simulator was already started");
    }
    InetSocketAddress address = server.listen(settings.host(), settings.port());
    if (controls.faultPlan().fault() == Fault.REFUSE_CONNECTIONS) {
      server.stopListening();
    }
    LOG.info("PEKAT simulator listening on {} ({})", baseUri(), describe());
    return this;
  }

  /** The port listened on (the ephemeral one chosen when the builder said 0). */
  public int port() {
    return address().getPort();
  }

  public InetSocketAddress address() {
    InetSocketAddress address = server.address();
    if (address == null) {
      throw new IllegalStateException("the simulator is not started");
    }
    return address;
  }

  /** {@code http://host:port} of the simulated project. */
  public URI baseUri() {
    String host = address().getHostString();
    return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port());
  }

  /**
   * Switches the fault for all following analyze requests; {@link Fault#NONE} clears it. {@link
   * Fault#REFUSE_CONNECTIONS} closes the listener now; any other value listens again on the same
   * port.
   */
  public synchronized void setFault(Fault fault) {
    Objects.requireNonNull(fault, "fault");
    controls.faultPlan(fault == Fault.NONE ? FaultPlan.NONE : new FaultPlan(fault, -1));
    applyListenerState(fault);
    LOG.info("PEKAT simulator fault: {}", fault.cliName());
  }

  /** Injects {@code fault} into the next {@code requests} analyze requests, then clears it. */
  public synchronized void injectFault(Fault fault, int requests) {
    if (fault == Fault.REFUSE_CONNECTIONS) {
      throw new IllegalArgumentException(
          "refuse-connections affects the listener, not single requests: use setFault");
    }
    if (requests < 1) {
      throw new IllegalArgumentException("requests must be at least 1, got " + requests);
    }
    controls.faultPlan(fault == Fault.NONE ? FaultPlan.NONE : new FaultPlan(fault, requests));
    applyListenerState(fault);
    LOG.info(
        "PEKAT simulator fault: {} for the next {} analyze requests", fault.cliName(), requests);
  }

  private void applyListenerState(Fault fault) {
    if (!started.get() || closed.get()) {
      return;
    }
    if (fault == Fault.REFUSE_CONNECTIONS) {
      server.stopListening();
    } else {
      server.listenAgain();
    }
  }

  /** The fault in force for the next analyze request. */
  public Fault fault() {
    return controls.faultPlan().fault();
  }

  public void setLatency(Latency latency) {
    controls.latency(latency);
    LOG.info("PEKAT simulator latency: {}", latency);
  }

  public Latency latency() {
    return controls.latency();
  }

  public void setProcessing(Processing processing) {
    controls.processing(processing);
    LOG.info("PEKAT simulator processing: {}", processing.cliName());
  }

  /**
   * In {@link Processing#DISCARD} mode, answers every {@code n}-th request NG with one detected
   * rectangle (0, the default: all OK), so benchmarks see a known mix of verdicts.
   */
  public void setNgEvery(int n) {
    if (n < 0) {
      throw new IllegalArgumentException("ngEvery must be 0 or more, got " + n);
    }
    controls.ngEvery(n);
  }

  public Processing processing() {
    return controls.processing();
  }

  /** Turns the CRC32C of request bodies on or off (it costs one pass over each body). */
  public void setChecksums(boolean on) {
    controls.checksums(on);
  }

  public SimulatorStats stats() {
    return stats;
  }

  /** Completes when the simulator has closed, by {@link #close()} or by {@code GET /stop}. */
  public CompletableFuture<Void> stopped() {
    return stopped;
  }

  /** A one-line summary of the settings, without secrets. */
  public String describe() {
    return String.format(
        "PEKAT %s, processing %s, lanes %d, latency %s, api key %s, stop key %s, fault %s",
        settings.pekatVersion(),
        controls.processing().cliName(),
        settings.lanes(),
        controls.latency(),
        settings.apiKey() == null ? "off" : "required",
        settings.stopKey() == null ? "off" : "set",
        controls.faultPlan().fault().cliName());
  }

  private void closeAsync() {
    Thread t = new Thread(this::close, "pekat-sim-stop");
    t.setDaemon(true);
    t.start();
  }

  /** Stops listening, drops connections, abandons queued work. Idempotent. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    // Lanes first: a lane waiting out its latency is interrupted and answers nothing, and one still
    // analysing can hand its answer to an event loop that is still running.
    try {
      List<Runnable> abandoned = lanes.shutdownNow();
      for (Runnable task : abandoned) {
        ((SimRouter.LaneTask) task).abandon();
      }
      if (!lanes.awaitTermination(5, TimeUnit.SECONDS)) {
        LOG.warn("PEKAT simulator lanes did not stop within 5 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      server.close();
      lastImage.close();
      LOG.info("PEKAT simulator stopped");
      stopped.complete(null);
    }
  }

  @Override
  public String toString() {
    return "PekatSimulator["
        + (server.address() == null ? "not started" : baseUri())
        + ", "
        + describe()
        + "]";
  }

  private static ThreadPoolExecutor newLanes(int count) {
    AtomicInteger n = new AtomicInteger();
    // Unbounded queue: each connection has at most one request in flight (SimHandler), so the
    // queue holds at most one request per open connection.
    return new ThreadPoolExecutor(
        count,
        count,
        0,
        TimeUnit.MILLISECONDS,
        new LinkedBlockingQueue<>(),
        r -> {
          Thread t = new Thread(r, "pekat-sim-lane-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
  }

  /** Options of a simulator; every one has a default that suits a test. */
  public static final class Builder {
    private String host = "127.0.0.1";
    private int port;
    private ApiKey apiKey;
    private String stopKey;
    private Latency latency = Latency.NONE;
    private int lanes = 1;
    private Processing processing = Processing.ON;
    private boolean checksums = true;
    private String pekatVersion = "4.0.3";
    private int threshold = BlobAnalyzer.DEFAULT_THRESHOLD;
    private int maxBodyBytes = 128 * 1024 * 1024;
    private int recentRequests = 64;
    private Fault fault = Fault.NONE;

    private Builder() {}

    /** Address to listen on; default {@code 127.0.0.1}. */
    public Builder host(String host) {
      this.host = Objects.requireNonNull(host, "host");
      return this;
    }

    /** Port to listen on; default 0 = any free port (read it back with {@link #port()}). */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be 0..65535, got " + port);
      }
      this.port = port;
      return this;
    }

    /** Require {@code api_key} on analyze and {@code /last_image} requests; default none. */
    public Builder apiKey(ApiKey apiKey) {
      this.apiKey = apiKey;
      return this;
    }

    /** Allow {@code GET /stop?key=KEY} to stop the simulator; default none (403). */
    public Builder stopKey(String stopKey) {
      this.stopKey = stopKey;
      return this;
    }

    public Builder latency(Latency latency) {
      this.latency = Objects.requireNonNull(latency, "latency");
      return this;
    }

    /** Images processed at the same time; default 1 (requests queue, as one flow). */
    public Builder lanes(int lanes) {
      if (lanes < 1 || lanes > 64) {
        throw new IllegalArgumentException("lanes must be 1..64, got " + lanes);
      }
      this.lanes = lanes;
      return this;
    }

    public Builder processing(Processing processing) {
      this.processing = Objects.requireNonNull(processing, "processing");
      return this;
    }

    /** CRC32C of every body in the request records; default on. */
    public Builder checksums(boolean on) {
      this.checksums = on;
      return this;
    }

    /** What {@code GET /version} answers; default {@code 4.0.3}. */
    public Builder pekatVersion(String version) {
      this.pekatVersion = Objects.requireNonNull(version, "version");
      return this;
    }

    /** Mean cell intensity (1..255) at which a cell counts as a defect; default 200. */
    public Builder brightThreshold(int threshold) {
      if (threshold < 1 || threshold > 255) {
        throw new IllegalArgumentException("threshold must be 1..255, got " + threshold);
      }
      this.threshold = threshold;
      return this;
    }

    /** Largest request body accepted (larger ones get 413); default 128 MiB. */
    public Builder maxBodyBytes(int bytes) {
      if (bytes < 1024) {
        throw new IllegalArgumentException("maxBodyBytes must be at least 1024, got " + bytes);
      }
      this.maxBodyBytes = bytes;
      return this;
    }

    /** How many recent requests {@link SimulatorStats#recent()} keeps; default 64. */
    public Builder recentRequests(int count) {
      if (count < 0) {
        throw new IllegalArgumentException("recentRequests must be >= 0, got " + count);
      }
      this.recentRequests = count;
      return this;
    }

    /** The fault in force from the start; default none. */
    public Builder fault(Fault fault) {
      this.fault = Objects.requireNonNull(fault, "fault");
      return this;
    }

    /** A simulator with these options, not yet listening: call {@link #start()}. */
    public PekatSimulator build() {
      return new PekatSimulator(this);
    }
  }
}
