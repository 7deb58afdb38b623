package io.camerabridge.pipeline;

import io.camerabridge.analyzers.AnalyzerPool;
import io.camerabridge.analyzers.FrameShape;
import io.camerabridge.config.CameraConfig;
import io.camerabridge.config.NgImage;
import io.camerabridge.config.PekatConfig;
import io.camerabridge.config.ResultsConfig;
import io.camerabridge.config.SaveNgConfig;
import io.camerabridge.frame.FrameLeases;
import io.camerabridge.metrics.FrameMetrics;
import io.camerabridge.metrics.WriteTarget;
import io.camerabridge.ops.DeliveryState;
import io.camerabridge.ops.OutputHealth;
import io.camerabridge.ops.ParallelClose;
import io.camerabridge.outputs.CameraOutputs;
import io.camerabridge.pekat.PekatClient;
import io.camerabridge.pekat.PekatEndpoint;
import io.camerabridge.pekat.netty.ClientResources;
import io.camerabridge.pekat.netty.NettyPekatClient;
import io.camerabridge.results.NgImageSaver;
import io.camerabridge.results.ResultJournal;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Everything one camera's pipeline uses besides the camera itself, built once and kept across
 * reconnects: the analyzer client, the results outputs, the counters and the frame path.
 */
public final class PipelineParts {
  private final AnalyzerPool analyzers;
  private final FrameMetrics metrics;
  private final PipelineStats stats = new PipelineStats();
  private final FrameLeases leases = new FrameLeases();
  private final AtomicLong lastFrameNanos = new AtomicLong(Long.MIN_VALUE);
  private final StreamTotals streamTotals = new StreamTotals();
  private final Optional<ResultJournal> journal;
  private final Optional<NgImageSaver> ngSaver;
  private final DeliveryState journalDelivery = new DeliveryState();
  private final DeliveryState ngDelivery = new DeliveryState();
  private final FrameConverter converter;
  private final FrameDispatcher dispatcher;
  private final java.util.concurrent.atomic.LongAdder copies =
      new java.util.concurrent.atomic.LongAdder();

  private final String cameraId;
  private final CameraOutputs outputs;
  // Written by the PLC's thread, taken by the next popped buffer on the frame thread.
  private final java.util.concurrent.atomic.AtomicReference<String> pendingPartId =
      new java.util.concurrent.atomic.AtomicReference<>();

  private PipelineParts(
      CameraConfig config,
      List<PekatClient> clients,
      FrameMetrics metrics,
      Executor results,
      CameraOutputs outputs,
      FrameTap tap) {
    this.metrics = metrics;
    this.cameraId = config.id();
    this.outputs = outputs;
    ResultsConfig rc = config.results();
    this.journal =
        rc.journalFile()
            .map(
                file ->
                    new ResultJournal(
                        file,
                        rc.journalMaxSize().bytes(),
                        rc.journalKeep(),
                        new ResultJournal.Events() {
                          @Override
                          public void writeFailed() {
                            metrics.writeFailed(WriteTarget.JOURNAL);
                            journalDelivery.undelivered();
                          }

                          @Override
                          public void written() {
                            journalDelivery.delivered();
                          }

                          @Override
                          public void reopened() {
                            metrics.journalReopened();
                          }
                        }));
    this.ngSaver =
        rc.saveNgFrames()
            .map(
                ng ->
                    new NgImageSaver(
                        ng.dir(),
                        config.id(),
                        ng.maxDisk().bytes(),
                        () -> {
                          metrics.writeFailed(WriteTarget.NG_IMAGE);
                          ngDelivery.undelivered();
                        },
                        ngDelivery::delivered));
    NgImage ngImage = rc.saveNgFrames().map(SaveNgConfig::image).orElse(NgImage.RAW);
    // Raw NG images need the pixels after the verdict; annotated ones come from PEKAT, unless
    // PEKAT was not asked for an image, in which case the raw frame is the fallback.
    boolean keepPixels =
        rc.saveNgFrames().isPresent()
            && (ngImage == NgImage.RAW || !config.pekat().responseType().returnsImage());
    OutcomeHandler outcomes =
        new OutcomeHandler(
            config.id(), metrics, stats, journal, ngSaver, ngImage, outputs.sequencer(), tap);
    this.converter =
        new FrameConverter(
            config.id(),
            config.pixelFormat(),
            config.convertRgbToBgr(),
            config.pekat().maxInFlight() * clients.size(),
            copies,
            leases);
    this.analyzers =
        AnalyzerPool.start(
            config.id(), clients, config.pekat().retryOnOtherInstance(), warmupShape(config));
    this.dispatcher =
        new FrameDispatcher(
            config.id(),
            analyzers,
            new DataTemplate(config.pekat().data()),
            metrics,
            stats,
            outcomes,
            outputs.sequencer(),
            results,
            keepPixels,
            config.busyWait(),
            config.verdict().verdictDeadline(),
            tap);
  }

  /** The warm-up frame's shape when the configuration fixes the region; else the first frame's. */
  private static Optional<FrameShape> warmupShape(CameraConfig config) {
    if (config.width() == null || config.height() == null) {
      return Optional.empty();
    }
    return Optional.of(
        new FrameShape(config.width(), config.height(), config.pixelFormat().layout()));
  }

  /**
   * Builds the parts of one camera on the shared event loops, without outputs' broker or registry
   * and without a preview tap (tests, demo).
   *
   * @param resources the shared Netty event loops
   * @param metrics the camera's hot-path recorder
   * @param results the thread that handles analyzer outcomes (off the event loop)
   */
  public static PipelineParts create(
      CameraConfig config, ClientResources resources, FrameMetrics metrics, Executor results) {
    CameraOutputs outputs =
        CameraOutputs.create(config, Optional.empty(), new SimpleMeterRegistry());
    return create(
        config, e -> NettyPekatClient.open(e, resources), metrics, results, outputs, FrameTap.NONE);
  }

  /**
   * Builds the parts of one camera around a client the caller opened, e.g. {@code bench e2e}, which
   * observes the real client's timings. Outputs count on a registry of their own (no broker
   * connection). The parts own the client from now on, also when this throws.
   *
   * @param client a client for {@link #endpoint(PekatConfig) endpoint(config.pekat())}
   */
  public static PipelineParts create(
      CameraConfig config, PekatClient client, FrameMetrics metrics, Executor results) {
    CameraOutputs outputs;
    try {
      outputs = CameraOutputs.create(config, Optional.empty(), new SimpleMeterRegistry());
    } catch (RuntimeException e) {
      client.close();
      throw e;
    }
    return create(config, e -> client, metrics, results, outputs, FrameTap.NONE);
  }

  /**
   * Builds the parts of one camera with its outputs and preview tap (the service: outputs count on
   * its registry and mqtt outputs share its broker connection). The parts own the client and the
   * outputs from now on, also when this throws.
   */
  public static PipelineParts create(
      CameraConfig config,
      PekatClient client,
      FrameMetrics metrics,
      Executor results,
      CameraOutputs outputs,
      FrameTap tap) {
    return create(config, e -> client, metrics, results, outputs, tap);
  }

  /**
   * Builds the parts of one camera with a client per analyzer instance from {@code open} (called
   * once per entry of {@link #endpoints}); the parts own the clients and the outputs from now on,
   * also when this throws.
   */
  public static PipelineParts create(
      CameraConfig config,
      Function<PekatEndpoint, PekatClient> open,
      FrameMetrics metrics,
      Executor results,
      CameraOutputs outputs,
      FrameTap tap) {
    List<PekatClient> clients = new ArrayList<>();
    try {
      for (PekatEndpoint e : endpoints(config.pekat())) {
        clients.add(open.apply(e));
      }
      return new PipelineParts(config, clients, metrics, results, outputs, tap);
    } catch (RuntimeException e) {
      clients.forEach(PekatClient::close);
      outputs.close(Duration.ZERO);
      throw e;
    }
  }

  /** As the one above, on the shared event loops. */
  public static PipelineParts create(
      CameraConfig config,
      ClientResources resources,
      FrameMetrics metrics,
      Executor results,
      CameraOutputs outputs,
      FrameTap tap) {
    return create(config, e -> NettyPekatClient.open(e, resources), metrics, results, outputs, tap);
  }

  /** The client endpoint of a camera's first (or only) analyzer instance. */
  public static PekatEndpoint endpoint(PekatConfig pekat) {
    return endpoint(pekat, pekat.instances().get(0));
  }

  /** One client endpoint per analyzer instance, in configuration order. */
  public static List<PekatEndpoint> endpoints(PekatConfig pekat) {
    return pekat.instances().stream().map(u -> endpoint(pekat, u)).toList();
  }

  /** The client endpoint for a camera's PEKAT settings at one URL (an instance, a recipe). */
  public static PekatEndpoint endpoint(PekatConfig pekat, java.net.URI url) {
    PekatEndpoint.Builder b =
        PekatEndpoint.builder(url)
            .responseType(pekat.responseType())
            .contextPlacement(pekat.contextPlacement())
            .requestTimeout(pekat.timeout())
            .connectTimeout(pekat.connectTimeout())
            .maxInFlight(pekat.maxInFlight())
            .maxResponseBytes(pekat.maxResponseSize().bytesAsInt());
    pekat.key().ifPresent(b::apiKey);
    pekat.trustedCa().ifPresent(b::caFile);
    return b.build();
  }

  /**
   * Decides every part still waiting (as a timeout) while the outputs and the journal are open: the
   * first step of closing the results.
   */
  void decideWaitingParts() {
    outputs.decideWaitingParts();
  }

  /**
   * The camera's outputs, journal and NG saver as shutdown steps, each bounded by its budget (a
   * hung disk or peer included); run together after {@link #decideWaitingParts()}.
   */
  List<ParallelClose.Step> closeSteps() {
    List<ParallelClose.Step> steps = new ArrayList<>(outputs.closeSteps());
    journal.ifPresent(j -> steps.add(new ParallelClose.Step(cameraId + "-journal", j::close)));
    ngSaver.ifPresent(s -> steps.add(new ParallelClose.Step(cameraId + "-ng", s::close)));
    return steps;
  }

  /** Whether the journal and the NG images get written, for {@code /health}; any thread. */
  public List<OutputHealth> records() {
    List<OutputHealth> records = new ArrayList<>(2);
    journal.ifPresent(j -> records.add(journalDelivery.health("journal", "journal", "record(s)")));
    ngSaver.ifPresent(s -> records.add(ngDelivery.health("ngImages", "ng-images", "image(s)")));
    return records;
  }

  /** Closes outputs, journal and NG saver, all at once within {@code timeout}. */
  void closeResults(Duration timeout) {
    decideWaitingParts();
    ParallelClose.run(closeSteps(), timeout);
  }

  /** The camera's analyzer instances. */
  public AnalyzerPool analyzers() {
    return analyzers;
  }

  /** The camera's verdict policy and outputs. */
  public CameraOutputs outputs() {
    return outputs;
  }

  FrameMetrics metrics() {
    return metrics;
  }

  PipelineStats stats() {
    return stats;
  }

  FrameLeases leases() {
    return leases;
  }

  AtomicLong lastFrameNanos() {
    return lastFrameNanos;
  }

  StreamTotals streamTotals() {
    return streamTotals;
  }

  FrameConverter converter() {
    return converter;
  }

  FrameDispatcher dispatcher() {
    return dispatcher;
  }

  /** The part id for the next popped buffer (a PLC's PartId); null clears it. */
  void nextPartId(String partId) {
    pendingPartId.set(partId);
  }

  /** The part id waiting for this buffer, or null; one volatile read when there is none. */
  String takePartId() {
    return pendingPartId.get() == null ? null : pendingPartId.getAndSet(null);
  }

  /** Frames copied (padding compacted or RGB swapped) since start. */
  public long copies() {
    return copies.sum();
  }
}
