package io.camerabridge.bench;

import io.camerabridge.bench.NativeFramePool.PooledFrame;
import io.camerabridge.frame.FrameLeases;
import io.camerabridge.frame.NativeFrameBuf;
import io.camerabridge.pekat.AnalysisOutcome;
import io.camerabridge.pekat.PekatClient;
import io.camerabridge.pekat.PekatEndpoint;
import io.camerabridge.pekat.RawFrame;

/**
 * The bridge's own path: each native frame is wrapped with the same lease/release wrapper the
 * service uses for Aravis buffers and handed to {@link PekatClient#analyze}, which owns it from
 * then on and releases it once Netty has written it.
 */
final class BridgeTarget implements LoadTarget {

  private final PekatClient client;
  private final FrameShape shape;
  private final FrameLeases leases = new FrameLeases();

  BridgeTarget(AnalyzerAddress address, FrameShape shape, int inFlight) {
    this.shape = shape;
    this.client =
        PekatClient.open(PekatEndpoint.builder(address.baseUri()).maxInFlight(inFlight).build());
  }

  @Override
  public String name() {
    return ClientBenchmark.BRIDGE;
  }

  @Override
  public Lane openLane() {
    return new Lane() {
      @Override
      public void exchange(PooledFrame frame) {
        NativeFrameBuf pixels = leases.wrap(frame.memory(), frame);
        RawFrame raw;
        try {
          raw = new RawFrame(pixels, shape.width(), shape.height(), shape.layout());
        } catch (RuntimeException e) {
          pixels.release();
          throw e;
        }
        AnalysisOutcome outcome = client.analyze(raw, null).toCompletableFuture().join();
        if (!(outcome instanceof AnalysisOutcome.Analyzed)) {
          throw new BenchException("the bridge's request ended as " + describe(outcome));
        }
      }

      @Override
      public void close() {}
    };
  }

  private static String describe(AnalysisOutcome outcome) {
    if (outcome instanceof AnalysisOutcome.HttpError e) {
      return "HTTP " + e.status() + ": " + e.firstLine();
    }
    return outcome.name() + " (" + outcome + ")";
  }

  @Override
  public void close() {
    client.close();
    if (leases.outstanding() != 0) {
      throw new BenchException(
          leases.outstanding() + " native frames were still held by the client after close");
    }
  }
}
