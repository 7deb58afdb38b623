package io.camerabridge.pipeline;

import io.camerabridge.analyzers.FrameShape;
import io.camerabridge.bindings.aravis.ArvFrame;
import io.camerabridge.bindings.aravis.BufferStatus;
import io.camerabridge.bindings.aravis.Camera;
import io.camerabridge.bindings.aravis.Region;
import io.camerabridge.bindings.aravis.Stream;
import io.camerabridge.bindings.aravis.StreamStatistics;
import io.camerabridge.config.CameraConfig;
import io.camerabridge.frame.FrameInfo;
import io.camerabridge.genicam.ChunkReader;
import io.camerabridge.metrics.DropReason;
import io.camerabridge.ops.logging.RateLimitedLog;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One opened camera with its stream and frame thread: what a reconnect replaces as a whole (Aravis
 * objects never recover after control is lost). Created on the camera's control thread and closed
 * there, or, once lost and no longer reachable from the pipeline, on its teardown thread; only the
 * frame thread touches the stream otherwise.
 */
final class CameraSession implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(CameraSession.class);
  private static final Duration POP_TIMEOUT = Duration.ofMillis(200);

  private final CameraConfig config;
  private final Camera camera;
  private final Stream stream;
  private final FrameLoop loop;
  private final Thread frameThread;
  private boolean acquisitionStopped;
  private boolean closed;

  private CameraSession(CameraConfig config, Camera camera, Stream stream, FrameLoop loop) {
    this.config = config;
    this.camera = camera;
    this.stream = stream;
    this.loop = loop;
    loop.owner = this;
    this.frameThread = new Thread(loop, "frames-" + config.id());
    frameThread.setDaemon(true);
  }

  /**
   * Opens the camera, applies the whole configuration, creates the stream, starts the frame thread
   * and then acquisition. On any failure everything opened so far is closed again.
   *
   * <p>Aravis's control-lost signal is deliberately not connected: the pipeline's frame watchdog
   * and register probe find a lost camera sooner, and a connected handler lets a late emission (a
   * camera back at its address answers the old heartbeat) finalize the old device on Aravis's
   * heartbeat thread while the session closes, which aborts the process.
   */
  static CameraSession open(
      CameraConfig config, PipelineParts parts, BiConsumer<CameraSession, String> drifted) {
    Camera camera;
    try {
      camera = Camera.open(config.device());
    } catch (RuntimeException e) {
      throw new CameraSetupException(
          config.id(), "cannot open device '" + config.device() + "'", e);
    }
    Stream stream = null;
    ChunkReader chunks = null;
    try {
      CameraConfigurer configurer = new CameraConfigurer(config);
      configurer.apply(camera);
      announceShape(config, parts, camera);
      configurer.applyTransport(camera);
      configureLines(config, parts, camera);
      chunks = chunkReader(config, camera);
      try {
        stream = camera.createStream(configurer.streamOptions());
      } catch (RuntimeException e) {
        throw new CameraSetupException(
            config.id(), "cannot create the stream with " + config.buffers() + " buffers", e);
      }
      CameraSession session =
          new CameraSession(
              config, camera, stream, new FrameLoop(config.id(), stream, chunks, parts, drifted));
      // From here the frame thread owns the reader and closes it when it ends.
      chunks = null;
      session.frameThread.start();
      try {
        camera.startAcquisition();
      } catch (RuntimeException e) {
        session.close();
        throw new CameraSetupException(config.id(), "cannot start acquisition", e);
      }
      return session;
    } catch (RuntimeException e) {
      if (chunks != null) {
        chunks.close();
      }
      if (stream != null) {
        stream.close();
      }
      camera.close();
      throw e;
    }
  }

  /**
   * Gives the analyzers the shape frames will have before the first one arrives, so their warm-up
   * runs while acquisition starts instead of after the first frame (which it would cost). One
   * register read on the control thread; a failed read just leaves the first frame's shape.
   */
  private static void announceShape(CameraConfig config, PipelineParts parts, Camera camera) {
    try {
      Region region = camera.image().region();
      parts
          .analyzers()
          .cameraShape(
              new FrameShape(region.width(), region.height(), config.pixelFormat().layout()));
    } catch (RuntimeException e) {
      LOG.debug("Camera {}: region not readable for the warm-up: {}", config.id(), e.getMessage());
    }
  }

  private static ChunkReader chunkReader(CameraConfig config, Camera camera) {
    try {
      return ChunkReader.open(camera, config.chunks(), "chunks");
    } catch (RuntimeException e) {
      throw new CameraSetupException(config.id(), "cannot read chunks " + config.chunks(), e);
    }
  }

  /** Line outputs are set up at every open: a reopened camera may have lost its settings. */
  private static void configureLines(CameraConfig config, PipelineParts parts, Camera camera) {
    if (!parts.outputs().hasLines()) {
      return;
    }
    try {
      parts.outputs().configureLines(camera.features());
    } catch (RuntimeException e) {
      throw new CameraSetupException(config.id(), "cannot set up its line outputs", e);
    }
  }

  /** Device id and model, for log lines. */
  String describe() {
    return camera.id() + " (" + camera.vendor() + " " + camera.model() + ")";
  }

  /** The camera, for reading its settings back (tests, the features command). */
  Camera camera() {
    return camera;
  }

  void softwareTrigger() {
    camera.softwareTrigger();
  }

  StreamStatistics statistics() {
    return stream.isClosed() ? null : stream.statistics();
  }

  long freeBuffers() {
    return Math.max(0, stream.bufferCount() - loop.held());
  }

  /** Tells the frame thread to stop popping (it ends within one pop timeout); never blocks. */
  void stopFrames() {
    loop.stop();
  }

  /** Stops the frame thread, then the camera's acquisition (a dead camera takes seconds). */
  void stopAcquisition() {
    if (acquisitionStopped) {
      return;
    }
    acquisitionStopped = true;
    loop.stop();
    awaitFrameThread(POP_TIMEOUT.multipliedBy(10));
    if (frameThread.isAlive()) {
      LOG.warn("Camera {}: frame thread did not stop in time", config.id());
    }
    try {
      camera.stopAcquisition();
    } catch (RuntimeException e) {
      // Expected when the camera is gone ("write_register timeout").
      LOG.debug("Camera {}: AcquisitionStop failed: {}", config.id(), e.getMessage());
    }
  }

  /**
   * Waits for the frame thread even if the caller is interrupted: returning early would let it hand
   * one more frame to a client that the shutdown is about to close. The interrupt is kept.
   */
  private void awaitFrameThread(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    boolean interrupted = false;
    while (frameThread.isAlive()) {
      long remainingMillis = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
      if (remainingMillis <= 0) {
        break;
      }
      try {
        frameThread.join(remainingMillis);
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Stops acquisition, releases the stream, then the camera. Frames still at the analyzer stay
   * valid; the binding frees each when it is given back.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    stopAcquisition();
    try {
      stream.close();
    } finally {
      camera.close();
    }
  }

  /** The loop of the frame thread: pop, classify, convert, dispatch; never blocks elsewhere. */
  static final class FrameLoop implements Runnable {
    private static final RateLimitedLog CHUNK_LOG = new RateLimitedLog(LOG);

    private final String cameraId;
    private final Stream stream;
    private final ChunkReader chunks;
    private final PipelineParts parts;
    private final BiConsumer<CameraSession, String> drifted;
    private volatile boolean running = true;
    private volatile CameraSession owner;
    private boolean driftReported;

    FrameLoop(
        String cameraId,
        Stream stream,
        ChunkReader chunks,
        PipelineParts parts,
        BiConsumer<CameraSession, String> drifted) {
      this.cameraId = cameraId;
      this.stream = stream;
      this.chunks = chunks;
      this.parts = parts;
      this.drifted = drifted;
    }

    void stop() {
      running = false;
    }

    /** Frames popped from this stream and not yet given back. */
    long held() {
      return parts.leases().outstanding();
    }

    @Override
    public void run() {
      try {
        while (running) {
          try {
            stream.pop(POP_TIMEOUT).ifPresent(this::handle);
          } catch (RuntimeException e) {
            if (running) {
              LOG.warn("Camera {}: frame loop error: {}", cameraId, e.toString());
            }
          }
        }
      } finally {
        // The only thread that reads chunks, so the only one that may drop the parser.
        chunks.close();
      }
    }

    private void handle(ArvFrame frame) {
      // Every popped buffer gets its number, so gaps between outcomes show the drops.
      long sequence = parts.leases().nextSequence();
      // Every popped buffer is a part, complete or not: a PLC's part id goes with the next one.
      String partId = parts.takePartId();
      parts.metrics().frameAcquired();
      parts.stats().acquired.increment();
      parts.metrics().frameWaited(nowEpochNanos() - frame.systemTimestampNanos());
      if (!running) {
        // Popped while the session was being stopped: the analyzer is about to be drained.
        parts.metrics().frameDropped(DropReason.SHUTDOWN);
        parts.stats().dropped.increment();
        lost(sequence, frame, partId, DropReason.SHUTDOWN.tagValue());
        frame.release();
        return;
      }
      if (frame.status() != BufferStatus.SUCCESS) {
        // Incomplete frames are never sent; the buffer goes straight back to the camera.
        parts.metrics().frameIncomplete(frame.status().name());
        parts.stats().incomplete.increment();
        lost(sequence, frame, partId, "incomplete");
        frame.release();
        return;
      }
      parts.lastFrameNanos().set(System.nanoTime());
      parts.metrics().frameSize(frame.size());
      // Read here, while the camera buffer is surely still ours: a copied frame gives it back.
      Map<String, Number> chunkValues = readChunks(frame);
      FrameConverter converter = parts.converter();
      FrameInfo info =
          new FrameInfo(
              cameraId,
              sequence,
              frame.frameId(),
              frame.timestampNanos(),
              frame.systemTimestampNanos(),
              frame.width(),
              frame.height(),
              converter.layout(),
              chunkValues,
              partId);
      FrameConverter.Converted c =
          converter.convert(
              info,
              frame.dataForTransfer(),
              frame.pixelFormatCode(),
              frame.paddingX(),
              frame::release);
      if (c.lease() == null) {
        reportDrift(converter, frame.pixelFormatCode());
        parts.metrics().frameDropped(c.drop());
        parts.stats().dropped.increment();
        // The converter gave the buffer back already: only the info is left.
        parts
            .outputs()
            .sequencer()
            .expect(sequence, info.frameId(), info.systemTimestampNanos(), chunkValues, partId);
        parts.outputs().sequencer().fail(sequence, c.drop().tagValue());
        return;
      }
      parts.dispatcher().dispatch(c.lease());
    }

    /** Tells the pipeline once per session; the session is replaced, and with it this loop. */
    private void reportDrift(FrameConverter converter, int pixelFormatCode) {
      if (driftReported || !converter.drifted(pixelFormatCode)) {
        return;
      }
      driftReported = true;
      drifted.accept(
          owner,
          "frames arrive in pixel format "
              + FrameConverter.describeFormat(pixelFormatCode)
              + ", not the configured "
              + converter.formatName());
    }

    private Map<String, Number> readChunks(ArvFrame frame) {
      if (chunks.isEmpty()) {
        return Map.of();
      }
      ChunkReader.Result read = chunks.read(frame);
      if (read.missing() > 0) {
        parts.metrics().chunksMissing(read.missing());
        CHUNK_LOG.warn(
            cameraId + "/chunks",
            "Camera {}: {} of {} chunk values missing: {}",
            cameraId,
            read.missing(),
            read.missing() + read.values().size(),
            read.firstProblem());
      }
      return read.values();
    }

    /** A part that will not be analysed: its outputs are told ERROR, in order. */
    private void lost(long sequence, ArvFrame frame, String partId, String why) {
      parts
          .outputs()
          .sequencer()
          .expect(sequence, frame.frameId(), frame.systemTimestampNanos(), Map.of(), partId);
      parts.outputs().sequencer().fail(sequence, why);
    }

    private static long nowEpochNanos() {
      java.time.Instant now = java.time.Instant.now();
      return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }
  }
}
