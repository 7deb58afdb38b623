package io.camerabridge.pekat.netty;

import io.camerabridge.pekat.AnalysisOutcome;
import io.camerabridge.pekat.ExchangeTimings;
import io.camerabridge.pekat.PekatClient;
import io.camerabridge.pekat.PekatEndpoint;
import io.camerabridge.pekat.RawFrame;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ConnectTimeoutException;
import io.netty.channel.EventLoop;
import io.netty.channel.group.ChannelGroupFuture;
import io.netty.handler.ssl.SslContext;
import io.netty.util.ReferenceCountUtil;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link PekatClient} on Netty. All connections and exchanges of one client live on one event loop
 * (picked from the shared group at open), which keeps the per-connection state machine
 * single-threaded; callers on other threads only touch the atomic in-flight counter and hand the
 * exchange over with {@code execute}.
 */
public final class NettyPekatClient implements PekatClient {
  private static final Logger log = LoggerFactory.getLogger(NettyPekatClient.class);

  private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

  private final PekatEndpoint endpoint;
  private final ClientResources resources;
  private final boolean ownsResources;
  private final EventLoop loop;
  private final Redactor redactor;
  private final RequestFactory requests;
  private final ResponseDecoder decoder;
  private final KeepAlivePool pool;
  private final Deadlines deadlines;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final CapacitySignal capacity;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final Set<Exchange> active = ConcurrentHashMap.newKeySet();
  private final AtomicLong retries = new AtomicLong();

  private NettyPekatClient(
      PekatEndpoint endpoint,
      ClientResources resources,
      boolean ownsResources,
      Optional<SslContext> tls) {
    this.endpoint = endpoint;
    int max = endpoint.maxInFlight();
    this.capacity = new CapacitySignal(() -> inFlight.get() < max);
    this.resources = resources;
    this.ownsResources = ownsResources;
    this.loop = resources.eventLoopGroup().next();
    this.redactor = new Redactor(endpoint.apiKey());
    this.requests = new RequestFactory(endpoint);
    this.decoder = new ResponseDecoder(redactor);
    this.pool = new KeepAlivePool(loop, resources.transport(), endpoint, initializer(tls));
    this.deadlines = new Deadlines(loop, endpoint.requestTimeout());
  }

  /**
   * A client on shared event loops; closing the client leaves {@code resources} running.
   *
   * @throws IllegalArgumentException when TLS cannot be set up (unreadable CA file)
   */
  public static PekatClient open(PekatEndpoint endpoint, ClientResources resources) {
    return open(endpoint, resources, false);
  }

  /** A client with its own single event loop, shut down by {@link #close()}. */
  public static PekatClient open(PekatEndpoint endpoint) {
    ClientResources own = ClientResources.create();
    try {
      return open(endpoint, own, true);
    } catch (RuntimeException e) {
      own.close();
      throw e;
    }
  }

  /**
   * Opens a client; no connection is made until the first request.
   *
   * @param ownsResources whether {@link #close} also closes {@code resources}
   */
  public static NettyPekatClient open(
      PekatEndpoint endpoint, ClientResources resources, boolean ownsResources) {
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(resources, "resources");
    NettyPekatClient client =
        new NettyPekatClient(endpoint, resources, ownsResources, TlsContexts.forEndpoint(endpoint));
    log.info("PEKAT client for {} ready ({} transport)", endpoint, resources.transportName());
    return client;
  }

  private ChannelInitializer<Channel> initializer(Optional<SslContext> tls) {
    return new ChannelInitializer<>() {
      @Override
      protected void initChannel(Channel ch) {
        ClientPipeline.install(
            ch, tls, endpoint.host(), endpoint.port(), endpoint.maxResponseBytes());
      }
    };
  }

  @Override
  public PekatEndpoint endpoint() {
    return endpoint;
  }

  @Override
  public CompletionStage<AnalysisOutcome> analyze(RawFrame frame, String data) {
    Objects.requireNonNull(frame, "frame");
    return submit(frame.pixels(), frame, data);
  }

  @Override
  public CompletionStage<AnalysisOutcome> analyzeImage(ByteBuf encoded, String data) {
    Objects.requireNonNull(encoded, "encoded");
    return submit(encoded, null, data);
  }

  @Override
  public int inFlight() {
    return inFlight.get();
  }

  @Override
  public long retries() {
    return retries.get();
  }

  @Override
  public boolean awaitCapacity(Duration timeout) throws InterruptedException {
    return capacity.await(timeout);
  }

  /** {@code frame} is null for an encoded image. */
  private CompletionStage<AnalysisOutcome> submit(ByteBuf body, RawFrame frame, String data) {
    long start = System.nanoTime();
    if (body.refCnt() == 0) {
      return done(
          new AnalysisOutcome.IoError(
              "the frame buffer was already released before analyze (caller bug)", ended(start)));
    }
    if (closed.get()) {
      ReferenceCountUtil.safeRelease(body);
      return done(new AnalysisOutcome.IoError("client is closed", ended(start)));
    }
    int max = endpoint.maxInFlight();
    if (inFlight.incrementAndGet() > max) {
      inFlight.decrementAndGet();
      // Dropping is the back-pressure: a queued frame would hold a camera buffer hostage.
      ReferenceCountUtil.safeRelease(body);
      return done(new AnalysisOutcome.Busy(max, ended(start)));
    }
    Exchange exchange;
    try {
      RequestFactory.Target target =
          frame != null ? requests.raw(frame, data) : requests.image(data);
      exchange = new Exchange(this, body, target, start);
    } catch (RuntimeException e) {
      inFlight.decrementAndGet();
      ReferenceCountUtil.safeRelease(body);
      String reason = "cannot build the request: " + describe(e);
      return done(new AnalysisOutcome.IoError(reason, ended(start)));
    }
    active.add(exchange);
    try {
      loop.execute(exchange);
    } catch (RejectedExecutionException e) {
      exchange.finish(
          t -> new AnalysisOutcome.IoError("event loop is shut down (resources closed)", t));
    }
    return exchange.future().minimalCompletionStage();
  }

  private static ExchangeTimings ended(long start) {
    return ExchangeTimings.endedBeforeWrite(start, System.nanoTime());
  }

  private static CompletionStage<AnalysisOutcome> done(AnalysisOutcome outcome) {
    return CompletableFuture.completedStage(outcome);
  }

  @Override
  public void close(Duration drain) {
    Objects.requireNonNull(drain, "drain");
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    if (!drain.isZero() && !drain.isNegative() && !loop.inEventLoop()) {
      awaitDrain(drain);
    }
    if (loop.inEventLoop()) {
      abortAll();
    } else {
      try {
        // Wait here, not on the loop: the closes run on the loop.
        loop.submit(this::abortAll)
            .get(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS)
            .awaitUninterruptibly(CLOSE_WAIT.toMillis());
      } catch (RejectedExecutionException e) {
        // The loop is gone and took its channels with it; only never-started exchanges remain.
        List.copyOf(active).forEach(x -> x.finish(t -> closedOutcome(t)));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (ExecutionException | TimeoutException e) {
        log.warn("Closing the PEKAT client for {} did not finish cleanly", endpoint.baseUrl(), e);
      }
    }
    if (ownsResources) {
      resources.close();
    }
    log.debug("PEKAT client for {} closed", endpoint.baseUrl());
  }

  private void awaitDrain(Duration drain) {
    CompletableFuture<?>[] pending =
        active.stream().map(Exchange::future).toArray(CompletableFuture<?>[]::new);
    try {
      CompletableFuture.allOf(pending).get(drain.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      log.info(
          "{} request(s) to {} still in flight after {}; failing them",
          inFlight(),
          endpoint.baseUrl(),
          drain);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException e) {
      // Exchanges never complete exceptionally; nothing to drain.
    }
  }

  /** Runs on the loop; the returned future completes when every connection has closed. */
  private ChannelGroupFuture abortAll() {
    for (Exchange exchange : List.copyOf(active)) {
      exchange.abort("client closed");
    }
    deadlines.cancel();
    // Closing runs the outbound buffers' cleanup, which releases bodies still queued for writing.
    return pool.closeAll();
  }

  private static AnalysisOutcome closedOutcome(ExchangeTimings t) {
    return new AnalysisOutcome.IoError("client closed", t);
  }

  // ---- used by Exchange (event loop) ----

  EventLoop loop() {
    return loop;
  }

  KeepAlivePool pool() {
    return pool;
  }

  Deadlines deadlines() {
    return deadlines;
  }

  RequestFactory requests() {
    return requests;
  }

  ResponseDecoder decoder() {
    return decoder;
  }

  boolean isClosed() {
    return closed.get();
  }

  void retried() {
    retries.incrementAndGet();
  }

  void exchangeFinished(Exchange exchange) {
    if (active.remove(exchange)) {
      inFlight.decrementAndGet();
      capacity.freed();
    }
  }

  /** {@code text} redacted, then cut to {@code max} characters. */
  String quote(String text, int max) {
    return redactor.quote(text, max);
  }

  String describe(Throwable cause) {
    String message = cause.getMessage();
    String text =
        cause.getClass().getSimpleName()
            + (message == null || message.isBlank() ? "" : ": " + message);
    return redactor.redact(text);
  }

  String describeConnectFailure(Throwable cause) {
    String where = endpoint.host() + ":" + endpoint.port();
    if (cause instanceof ConnectTimeoutException) {
      return "connecting to " + where + " timed out after " + endpoint.connectTimeout();
    }
    if (cause instanceof ConnectException) {
      return "connection to " + where + " refused (is the PEKAT project running on that port?)";
    }
    if (cause instanceof UnknownHostException) {
      return "unknown host " + endpoint.host() + " (check the endpoint URL)";
    }
    return "connecting to " + where + " failed: " + describe(cause);
  }

  String describeTlsFailure(Throwable cause) {
    return "TLS handshake with "
        + endpoint.host()
        + ":"
        + endpoint.port()
        + " failed: "
        + describe(cause)
        + " (is the server certificate trusted? set caFile to its CA)";
  }
}
