package io.camerabridge.tools.sim;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camerabridge.pekat.RawLayout;
import io.camerabridge.pekat.ResponseType;
import io.camerabridge.tools.sim.analysis.Analysis;
import io.camerabridge.tools.sim.analysis.BlobAnalyzer;
import io.camerabridge.tools.sim.analysis.ContextJson;
import io.camerabridge.tools.sim.analysis.Frame;
import io.camerabridge.tools.sim.analysis.FrameDecoder;
import io.camerabridge.tools.sim.analysis.InvalidImageException;
import io.camerabridge.tools.sim.analysis.SharedMemoryBlock;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.locks.LockSupport;
import java.util.zip.CRC32C;

/**
 * The work of one analyze request, run on a processing lane: validate, checksum, analyse, render,
 * then spend the rest of the configured latency so the lane is busy as long as a real flow would
 * be.
 */
final class AnalyzeService {
  /** What the request turned into. */
  record Result(SimResponse response, Outcome outcome, long bodyBytes, OptionalLong crc32c) {}

  private final SimControls controls;
  private final BlobAnalyzer analyzer;
  private final LastImage lastImage;

  AnalyzeService(SimControls controls, BlobAnalyzer analyzer, LastImage lastImage) {
    this.controls = controls;
    this.analyzer = analyzer;
    this.lastImage = lastImage;
  }

  /**
   * Answers one analyze request. Does not release {@code body}.
   *
   * @throws InterruptedException if the simulator closes while the lane waits out the latency
   */
  Result analyze(
      Endpoint endpoint, QueryParams query, ByteBuf body, long receivedNanos, boolean flowError)
      throws InterruptedException {
    long start = System.nanoTime();
    Duration latency = controls.latency().sample();
    ByteBuf pixels = null;
    long bytes = 0;
    OptionalLong crc = OptionalLong.empty();
    Result result;
    try {
      pixels =
          endpoint == Endpoint.ANALYZE_IMAGE_SHARED_MEMORY
              ? SharedMemoryBlock.map(query.get("name"))
              : body.retain();
      bytes = pixels.readableBytes();
      crc = controls.checksums() ? OptionalLong.of(crc32c(pixels)) : OptionalLong.empty();
      SimResponse response =
          process(endpoint, query, pixels, new Clock(start, latency, receivedNanos), flowError);
      result = new Result(response, Outcome.OK, bytes, crc);
    } catch (InvalidImageException e) {
      result = new Result(SimResponse.text(400, e.getMessage()), Outcome.REJECTED, bytes, crc);
    } finally {
      if (pixels != null) {
        pixels.release();
      }
    }
    waitOut(start, latency);
    return result;
  }

  /** When the request arrived, when its lane started, and the latency it must spend. */
  private record Clock(long startNanos, Duration latency, long receivedNanos) {}

  private SimResponse process(
      Endpoint endpoint, QueryParams query, ByteBuf pixels, Clock clock, boolean flowError)
      throws InvalidImageException {
    ResponseType type = responseType(query.get("response_type"));
    Frame frame = frame(endpoint, query, pixels);
    Processing processing = controls.processing();
    String data = query.has("data") ? query.get("data") : "";
    Analysis analysis = processing == Processing.ON ? analyzer.analyze(frame) : null;
    long now = System.nanoTime();
    long latencyNanos = clock.latency().toNanos();
    double processingSeconds = seconds(Math.max(now - clock.startNanos(), latencyNanos));
    double completeSeconds =
        seconds(
            Math.max(
                now - clock.receivedNanos(),
                clock.startNanos() - clock.receivedNanos() + latencyNanos));
    ContextJson.Timing timing = new ContextJson.Timing(processingSeconds, completeSeconds);
    ObjectNode context =
        switch (processing) {
          case ON -> ContextJson.full(frame.width(), frame.height(), analysis, data, timing);
          case OFF -> ContextJson.bare(frame.width(), frame.height(), processingSeconds);
          case DISCARD ->
              ContextJson.unanalysed(
                  frame.width(), frame.height(), data, analyzer.threshold(), timing);
        };
    if (processing == Processing.DISCARD && controls.nextDiscardIsNg()) {
      ContextJson.markNg(context);
    }
    if (flowError && processing != Processing.OFF) {
      ContextJson.flowError(context);
    }
    // A decoded file lives in its own heap array; only raw pixels need the body kept alive.
    lastImage.store(
        frame,
        analysis,
        context,
        endpoint == Endpoint.ANALYZE_IMAGE ? Unpooled.EMPTY_BUFFER : pixels);
    return ImageAnswers.answer(type, query.flag("context_in_body"), frame, analysis, context);
  }

  private static Frame frame(Endpoint endpoint, QueryParams query, ByteBuf pixels)
      throws InvalidImageException {
    if (endpoint == Endpoint.ANALYZE_IMAGE) {
      return FrameDecoder.decodeEncoded(pixels);
    }
    int[] size = FrameDecoder.size(query.get("width"), query.get("height"));
    RawLayout layout =
        FrameDecoder.layout(size[0], size[1], pixels.readableBytes(), query.flag("bayer"));
    return Frame.of(size[0], size[1], layout, pixels);
  }

  static ResponseType responseType(String value) throws InvalidImageException {
    if (value == null) {
      return ResponseType.CONTEXT;
    }
    try {
      return ResponseType.fromWireName(value);
    } catch (IllegalArgumentException e) {
      throw new InvalidImageException(e.getMessage());
    }
  }

  /** CRC32C over the readable bytes, without copying a composite buffer into one piece. */
  static long crc32c(ByteBuf buf) {
    CRC32C crc = new CRC32C();
    for (ByteBuffer part : buf.nioBuffers()) {
      crc.update(part);
    }
    return crc.getValue();
  }

  /**
   * The lane is the simulated flow: it stays occupied for the whole processing time, and no longer.
   * Not {@code Thread.sleep(millis, nanos)}: it rounds up to the next whole millisecond, which made
   * a "40 ms" simulator take 40-41 ms and showed up as client overhead in benchmarks.
   */
  private static void waitOut(long start, Duration latency) throws InterruptedException {
    long end = start + latency.toNanos();
    for (long left = end - System.nanoTime(); left > 0; left = end - System.nanoTime()) {
      LockSupport.parkNanos(left);
      if (Thread.interrupted()) {
        throw new InterruptedException("simulator closing");
      }
    }
  }

  private static double seconds(long nanos) {
    return nanos / 1e9;
  }
}
